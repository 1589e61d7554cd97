/**
 * A deletion also reaches the chat: the bot replaces its own posted cards that held what was deleted
 * with a short "Slettet" card (the bot may update its own messages; update-and-delete-bot-messages.md),
 * shows the cards that named a person again without them, and says plainly what stays.
 */
import { randomUUID } from 'node:crypto';
import {
  groupChat,
  inPersonal,
  invoke,
  mention,
  personal,
  user,
  type TestChat,
  type TestUser,
} from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import type { ConnectorCall } from '../support/fake-connector';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const person = (first: string): TestUser => user(`${first} ${randomUUID().slice(0, 8)}`);
const textOf = (call: ConnectorCall): string =>
  Array.isArray(call.activity.attachments)
    ? cardText(attachedCard(call.activity))
    : String(call.activity.text);
const since = (calls: ConnectorCall[], from: number): ConnectorCall[] => calls.slice(from);

/** The confirmation card the bot just posted: its text and its button's token. */
function confirmation(): { text: string; token: string } {
  const last = bot.connector.posts().at(-1)!;
  const actions = attachedCard(last.activity).actions as { data: { token: string } }[];
  return { text: textOf(last), token: actions[0].data.token };
}

/** The card an activity id shows now: the last update of it, or its post. */
function shownNow(chat: TestChat, id: string): string {
  const calls = bot.connector.calls.filter((c) => c.conversationId === chat.conversationId);
  const last = [...calls].reverse().find((c) => (c.method === 'PUT' ? c.activityId === id : c.id === id));
  return last ? textOf(last) : '';
}

/** Meeting 1 answered, revealed, prioritised and summarised; the ids of the cards that show answers. */
async function revealedGroup(
  coordinator: TestUser,
  members: TestUser[],
): Promise<{ chat: TestChat; answerCards: string[] }> {
  const chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, name: 'Kortgruppen' }));
  for (const m of members)
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
  await bot.send(mention(chat, coordinator, 'start 1'));
  for (const m of members)
    await bot.send(
      invoke(chat, m, 'submitAnswer', { meeting: 1, a1: `Råd fra ${m.name}`, a2: 'x', a3: 'y' }),
    );
  const before = bot.connector.posts().length;
  await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
  await bot.send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
  await bot.send(mention(chat, coordinator, 'opsummering 1'));
  const answerCards = since(bot.connector.posts(), before)
    .filter(
      (c) =>
        c.conversationId === chat.conversationId &&
        members.some((m) => textOf(c).includes(`Råd fra ${m.name}`)),
    )
    .map((c) => c.id);
  return { chat, answerCards };
}

describe('deleting replaces the bot’s own cards in the chat', () => {
  it('`slet gruppe` replaces every card of the group with a "Slettet" card and says what stays', async () => {
    const karen = person('Karen');
    const members = [person('Jens'), person('Aisha'), person('Søren')];
    const { chat, answerCards } = await revealedGroup(karen, members);
    // The reveal and the summary (the choosing card shows none: each member's own form does).
    expect(answerCards.length).toBeGreaterThanOrEqual(2);
    const ours = bot.connector
      .posts()
      .filter((c) => c.conversationId === chat.conversationId && c.activity.attachments);

    await bot.send(mention(chat, karen, 'slet gruppe'));
    const { text: ask, token } = confirmation();
    expect(ask).toContain(
      'Det, der bliver: de beskeder, andre har skrevet i chatten, og chattens egen historik i Teams',
    );
    const done = await bot.send(invoke(chat, karen, 'confirmDeleteGroup', { token }));
    expect(JSON.stringify(done.body)).toContain(
      'Beskeder, som andre har skrevet, og chattens historik i Teams er der stadig',
    );

    for (const id of answerCards) expect(shownNow(chat, id)).toContain('Slettet');
    const replaced = ours.filter((c) => shownNow(chat, c.id).startsWith('Slettet'));
    // The group card, the status card, the answer prompt and the answer cards: everything the bot remembers.
    expect(replaced.length).toBeGreaterThanOrEqual(answerCards.length + 3);
    for (const c of replaced) expect(shownNow(chat, c.id)).not.toMatch(/Råd fra|Karen|Jens|Aisha|Søren/);
    expect(shownNow(chat, replaced[0].id)).toContain('chattens egen historik i Teams er ikke slettet');
  });

  it('`slet mine data` replaces the cards with their answers and shows the group card again without their name', async () => {
    const karen = person('Karen');
    const jens = person('Jens');
    const members = [jens, person('Aisha'), person('Søren')];
    const { chat, answerCards } = await revealedGroup(karen, members);
    // The group card: the chat's first card, updated as people joined.
    const groupCard = bot.connector.posts().find((c) => c.conversationId === chat.conversationId)!;
    expect(shownNow(chat, groupCard.id)).toContain(jens.name);

    await bot.send(inPersonal(mention(personal(chat), jens, 'slet mine data')));
    const { text: ask, token } = confirmation();
    expect(ask).toContain(
      'Det, der bliver: de beskeder, du og andre selv har skrevet i chatten, og chattens egen historik i Teams',
    );
    await bot.send(inPersonal(invoke(personal(chat), jens, 'confirmDeleteMyData', { token })));

    for (const id of answerCards) {
      expect(shownNow(chat, id)).toContain('En deltager har slettet sine data');
      expect(shownNow(chat, id)).not.toContain(jens.name);
    }
    expect(shownNow(chat, groupCard.id)).not.toContain(jens.name);
    expect(shownNow(chat, groupCard.id)).toContain(members[1].name);
    // The others' answers are still there for a new summary.
    await bot.send(mention(chat, karen, 'opsummering 1'));
    const summary = textOf(bot.connector.posts().at(-1)!);
    expect(summary).toContain(`Råd fra ${members[1].name}`);
    expect(summary).not.toContain(jens.name);
  });

  it('a chat the bot has left does not stop the deletion of a person’s data', async () => {
    const karen = person('Karen');
    const { chat, answerCards } = await revealedGroup(karen, [
      person('Jens'),
      person('Aisha'),
      person('Søren'),
    ]);
    bot.connector.refuseConversation(chat.conversationId, 'BotNotInConversationRoster');
    await bot.send(inPersonal(mention(personal(chat), karen, 'slet mine data')));
    const { token } = confirmation();
    const done = await bot.send(inPersonal(invoke(personal(chat), karen, 'confirmDeleteMyData', { token })));
    expect(JSON.stringify(done.body)).toContain('Dine data er slettet');
    bot.connector.refuseConversation(chat.conversationId);
    expect(answerCards.length).toBeGreaterThan(0);
  });
});
