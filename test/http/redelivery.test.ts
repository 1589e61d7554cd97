import { groupChat, invoke, mention, type TestChat } from '../support/activities';
import { flow } from '../support/scenarios';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { samplePeople, sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

/** Teams re-sends an activity it thinks timed out and does not de-duplicate: a re-delivery does nothing twice. */
describe('re-delivered activities', () => {
  let bot: TestBot;
  let chat: TestChat;
  const { coordinator, members } = samplePeople();
  const key = (): string => groupKeyOf(chat.tenantId, chat.conversationId);
  const step = flow();
  /** The bot's posts since `from`, abridged: on a failure the list shows what was posted twice. */
  const postsSince = (from: number): string[] =>
    bot.connector
      .posts()
      .slice(from)
      .map((c) => JSON.stringify([c.activity.text, c.activity.attachments]).slice(0, 300));

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
    for (const m of members.slice(0, 3))
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
  });
  afterAll(() => bot.stop());

  step(
    'posts one invitation when the same save arrives twice at once, and answers both the same',
    async () => {
      const before = bot.connector.posts().length;
      const save = invoke(chat, coordinator, 'saveInvitation', {
        meeting: 1,
        date: '2027-01-14',
        start: '13:00',
        end: '15:00',
        location: 'Beboerhuset',
        text: 'Hej',
      });
      const [a, b] = await Promise.all([bot.send(save), bot.send(save)]);
      expect(postsSince(before)).toHaveLength(1);
      expect(a.body).toEqual(b.body);
    },
  );

  step('starts the meeting once when the same "start 1" message arrives twice', async () => {
    const before = bot.connector.posts().length;
    const start = mention(chat, coordinator, 'start 1');
    await bot.send(start);
    await bot.send(start);
    expect(postsSince(before)).toHaveLength(2);
  });

  step('stores an answer delivered twice as one answer', async () => {
    const answer = invoke(chat, members[1], 'submitAnswer', {
      meeting: 1,
      a1: 'Et råd',
      a2: 'Et andet',
      a3: 'Et tredje',
    });
    await bot.send(answer);
    await bot.restart();
    await bot.send(answer);
    const snapshot = await bot.running.store.loadPartition(key());
    expect(snapshot?.answers.filter((a) => a.userId === members[1].id)).toHaveLength(1);
  });

  step('does nothing twice when a re-delivery reaches a freshly started instance', async () => {
    const reveal = invoke(chat, coordinator, 'reveal', { meeting: 1 });
    await bot.send(reveal);
    await bot.restart();
    const calls = bot.connector.calls.length;
    const again = await bot.send(reveal);
    expect(again.body?.value).toContain('Det har jeg allerede fået');
    expect(bot.connector.calls).toHaveLength(calls);
  });

  step("recognises a re-delivered setup of a new group (its sweep keeps the setup's own claim)", async () => {
    const fresh = groupChat(bot.connector.serviceUrl);
    const setup = invoke(fresh, coordinator, 'setupGroup', { ...sampleSettings, name: 'Nyborg' });
    await bot.send(setup);
    await bot.restart();
    const again = await bot.send(setup);
    expect(again.body?.value).toContain('Det har jeg allerede fået');
  });
});
