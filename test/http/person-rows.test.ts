/**
 * The registry of a person's row kinds (src/store/row-kinds.ts) walked kind by kind: a person
 * whose only row in a group is one of that kind finds it in `mine data`, and after `slet mine
 * data` no row of theirs is left. A kind `mine data` forgot, or erasure missed, fails here.
 */
import { PERSON_ROW_KINDS, type PersonRowKind, type PersonRowOf } from '../../src/store/group-store';
import { groupKeyOf } from '../../src/store/keys';
import { samplePersonRow } from '../../src/store/rows';
import { groupChat, inPersonal, invoke, mention, personal, user, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';

jest.setTimeout(60_000);

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** The text of the last card or message the bot posted. */
function lastPosted(): { text: string; card?: Record<string, unknown> } {
  const activity = bot.connector.posts().at(-1)!.activity as Record<string, unknown>;
  if (!Array.isArray(activity.attachments)) return { text: String(activity.text) };
  const card = attachedCard(activity);
  return { text: cardText(card), card };
}

/** Stores one row of `kind` (its sample values) as the person's. */
async function seed<K extends PersonRowKind>(key: string, kind: K, person: TestUser): Promise<void> {
  const who = { userId: person.id, name: person.name } as Partial<PersonRowOf<K>>;
  await bot.running.store.putPersonRow(key, kind, samplePersonRow(kind, who));
}

describe.each(PERSON_ROW_KINDS)('a row of kind %s', (kind) => {
  it('is listed by mine data, and slet mine data leaves no row of the person', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const name = `Gruppe med ${kind}`;
    await bot.send(invoke(chat, user('Karen Holm'), 'setupGroup', { ...sampleSettings, name }));
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    const person: TestUser = user('Bente Kjær');
    await seed(key, kind, person);
    const where = personal(chat);

    await bot.send(inPersonal(mention(where, person, 'mine data')));
    const mine = lastPosted().text;
    const section = mine.slice(mine.indexOf(name));
    expect(section).toContain(name);
    // The group's heading and, under it, the line of the row: the person is nothing else there.
    expect(section.split('\n').filter((line) => line.trim()).length).toBeGreaterThan(1);
    expect(section).not.toContain(`myData.${kind}`);

    await bot.send(inPersonal(mention(where, person, 'slet mine data')));
    const confirm = lastPosted().card!;
    const token = (confirm.actions as { data: { token: string } }[])[0].data.token;
    const done = await bot.send(inPersonal(invoke(where, person, 'confirmDeleteMyData', { token })));
    expect(cardText(done.body?.value)).toContain('Dine data er slettet');
    const left = await bot.running.store.loadPartition(key);
    expect(left?.group.value.name).toBe(name);
    for (const k of PERSON_ROW_KINDS) expect(left?.[k].filter((r) => r.userId === person.id)).toEqual([]);
    expect(await bot.running.store.listPersonGroups(person.id)).not.toContain(key);
  });
});
