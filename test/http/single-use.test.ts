/**
 * Issue 20 point 10: a confirmation of `slet mine data` or `slet gruppe` deletes once. Clicked
 * again within its ten minutes — on the same instance or on another one sharing the storage — it
 * deletes nothing, not even what the person created after the first deletion.
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
import { attachedCard } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

/** Two instances of the bot on the same storage and the same signing key. */
const KEY = { LINK_SIGNING_KEY: Buffer.alloc(32, 11).toString('base64') };
let one: TestBot;
let other: TestBot;

beforeAll(async () => {
  one = await startTestBot(KEY);
  other = await startTestBot(KEY);
});
afterAll(async () => {
  await one.stop();
  await other.stop();
});

const person = (first: string): TestUser => user(`${first} ${randomUUID().slice(0, 8)}`);

/** The token of the confirmation card `bot` just posted in `where`. */
function tokenIn(bot: TestBot, where: TestChat): string {
  const post = bot.connector
    .posts()
    .filter((p) => p.conversationId === where.conversationId)
    .at(-1)!;
  return (attachedCard(post.activity) as { actions: { data: { token: string } }[] }).actions[0].data.token;
}

/** A group of `coordinator` with three members who joined. */
async function groupOf(bot: TestBot, coordinator: TestUser, members: TestUser[]): Promise<TestChat> {
  const chat = groupChat(bot.connector.serviceUrl);
  await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
  for (const m of members)
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Medarbejder' }));
  return chat;
}

const members = async (bot: TestBot, chat: TestChat): Promise<string[]> =>
  (await bot.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId)))!.value.members.map(
    (m) => m.userId,
  );

describe('a confirmation deletes once', () => {
  it('slet mine data: the same button again, here or on another instance, deletes nothing created since', async () => {
    const jens = person('Jens');
    const chat = await groupOf(one, person('Karen'), [jens, person('Aisha'), person('Søren')]);
    const mine = personal(chat);
    await one.send(inPersonal(mention(mine, jens, 'slet mine data')));
    const token = tokenIn(one, mine);
    const done = await one.send(inPersonal(invoke(mine, jens, 'confirmDeleteMyData', { token })));
    expect(JSON.stringify(done.body)).toContain('Dine data er slettet');
    expect(await members(one, chat)).not.toContain(jens.id);

    // Jens joins again; a re-sent click (a new activity id) on the old button must not remove him.
    await one.send(invoke(chat, jens, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }));
    for (const bot of [one, other]) {
      const again = await bot.send(inPersonal(invoke(mine, jens, 'confirmDeleteMyData', { token })));
      expect(JSON.stringify(again.body)).toContain('Den bekræftelse er allerede brugt');
      expect(await members(bot, chat)).toContain(jens.id);
    }
  });

  it('slet gruppe: the same button again on another instance deletes nothing', async () => {
    const karen = person('Karen');
    const chat = await groupOf(one, karen, [person('Jens'), person('Aisha'), person('Søren')]);
    await one.send(mention(chat, karen, 'slet gruppe'));
    const token = tokenIn(one, chat);
    const done = await one.send(invoke(chat, karen, 'confirmDeleteGroup', { token }));
    expect(JSON.stringify(done.body)).toContain('er slettet');
    await other.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Den nye gruppe' }));

    const again = await other.send(invoke(chat, karen, 'confirmDeleteGroup', { token }));
    expect(JSON.stringify(again.body)).not.toContain('Gruppen Den nye gruppe er slettet');
    const key = groupKeyOf(chat.tenantId, chat.conversationId);
    expect((await other.running.store.loadGroup(key))?.value.name).toBe('Den nye gruppe');
  });
});
