import { groupKeyOf } from '../../src/store/keys';
import { botAdded, groupChat, invoke, mention, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { samplePeople, sampleSettings } from '../support/sample-group';

jest.setTimeout(60_000);

/** Against a connector that enforces Teams' per-conversation limits and injects its errors. */
describe("Teams' limits and errors", () => {
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();

  beforeAll(async () => {
    bot = await startTestBot({}, { enforceLimits: true });
    chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
  });
  afterAll(() => bot.stop());

  it('sends a burst within the limits: nothing throttled, nothing lost', async () => {
    const before = bot.connector.posts().length;
    await Promise.all(Array.from({ length: 15 }, () => bot.send(mention(chat, members[0], 'hjælp'))));
    await Promise.all(
      members.map((m) =>
        bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle })),
      ),
    );
    expect(bot.connector.posts().length - before).toBe(15);
    expect(bot.connector.attempts.filter((a) => a.status === 429)).toEqual([]);
  });

  it('retries a 429 after its Retry-After, and 502/503/504 with backoff', async () => {
    bot.connector.failNext(429);
    const started = Date.now();
    await bot.send(mention(chat, members[1], 'hjælp'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(bot.connector.attempts.at(-1)?.status).toBe(200);

    bot.connector.failNext(503);
    bot.connector.failNext(502);
    bot.connector.failNext(504);
    await bot.send(mention(chat, members[1], 'hjælp'));
    expect(bot.connector.attempts.slice(-4).map((a) => a.status)).toEqual([503, 502, 504, 200]);
  });

  it('gives up updating a card after five tries, and still confirms what was stored', async () => {
    const m = members[2];
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
    bot.connector.failNext(503, 5);
    const attempts = bot.connector.attempts.length;
    const res = await bot.send(
      invoke(chat, members[2], 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Vicevært' }),
    );
    expect(JSON.stringify(res.body)).toContain('Din rolle er opdateret til Vicevært');
    expect(bot.connector.attempts.slice(attempts).filter((a) => a.status === 503)).toHaveLength(5);
    const group = await bot.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId));
    expect(group?.value.members.find((m) => m.userId === members[2].id)?.roleTitle).toBe('Vicevært');
  });

  it('marks the group inactive on 403 BotNotInConversationRoster instead of retrying, and active again when the bot is re-added', async () => {
    const other = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(other, coordinator, 'setupGroup', sampleSettings));
    bot.connector.failNext(403, 1, 'BotNotInConversationRoster');
    const attempts = bot.connector.attempts.length;
    await bot.send(mention(other, user('Bente Kjær'), 'hjælp'));
    expect(bot.connector.attempts.length - attempts).toBe(1);
    const key = groupKeyOf(other.tenantId, other.conversationId);
    expect((await bot.running.store.loadGroup(key))?.value.inactive).toMatchObject({ status: 403 });
    await bot.send(botAdded(other, coordinator));
    expect((await bot.running.store.loadGroup(key))?.value.inactive).toBeUndefined();
  });
});
