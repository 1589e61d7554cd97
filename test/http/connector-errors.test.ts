import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, mention, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { capturedLog } from '../support/log-lines';
import { attachedCard, cardText } from '../support/cards';
import { samplePeople, sampleSettings } from '../support/sample-group';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';

jest.setTimeout(60_000);

/** The errors the real Bot Connector sends, with their codes in the body, and Teams re-sending clicks. */
describe('errors of the real connector', () => {
  const { log, lines } = capturedLog('info');
  let bot: TestBot;
  const { coordinator, members } = samplePeople();
  const keyOf = (chat: TestChat): string => groupKeyOf(chat.tenantId, chat.conversationId);
  const groupOf = async (chat: TestChat) => (await bot.running.store.loadGroup(keyOf(chat)))?.value;

  async function formedGroup(): Promise<TestChat> {
    const chat = groupChat(bot.connector.serviceUrl);
    await bot.send(invoke(chat, coordinator, 'setupGroup', sampleSettings));
    for (const m of members.slice(0, 3))
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
    return chat;
  }

  beforeAll(async () => {
    bot = await startTestBot({}, {}, log);
  });
  afterAll(() => bot.stop());

  it('posts a deleted card anew (404 ActivityNotFoundInConversation), keeps the group active and updates the new card from then on', async () => {
    const chat = await formedGroup();
    const cardId = (await groupOf(chat))!.groupCardId!;
    bot.connector.deleteMessage(cardId);
    const posts = bot.connector.posts().length;
    await bot.send(invoke(chat, members[3], 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Vicevært' }));
    const reposted = bot.connector.posts().slice(posts);
    expect(reposted).toHaveLength(1);
    expect(cardText(attachedCard(reposted[0].activity))).toContain('Medlemmer (4 af 6)');
    const group = await groupOf(chat);
    expect(group?.inactive).toBeUndefined();
    expect(group?.groupCardId).toBe(reposted[0].id);

    await bot.send(invoke(chat, members[4], 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Tømrer' }));
    const last = bot.connector.updates().at(-1)!;
    expect(last.activityId).toBe(reposted[0].id);
    expect(cardText(attachedCard(last.activity))).toContain('Medlemmer (5 af 6)');
    expect(bot.connector.posts().length - posts).toBe(1);
  });

  it('attempts a send Teams keeps throttling at most 5 times in all, and says so in the log', async () => {
    const chat = await formedGroup();
    const before = bot.connector.attempts.length;
    bot.connector.throttleAll(true);
    try {
      await bot.send(mention(chat, members[0], 'hjælp'));
    } finally {
      bot.connector.throttleAll(false);
    }
    const attempts = bot.connector.attempts.slice(before);
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.length).toBeLessThanOrEqual(5);
    expect(attempts.every((a) => a.status === 429)).toBe(true);
    expect(lines.some((l) => l.includes('"send.gaveUp"') && l.includes('"attempts":5'))).toBe(true);
  });

  it.each([
    [403, 'BotNotInConversationRoster'],
    [403, 'BotDisabledByAdmin'],
    [403, 'NotEnoughPermissions'],
    [403, 'ConversationBlockedByUser'],
    [404, 'ConversationNotFound'],
  ])(
    'marks the group inactive on %i %s, and active again on the next activity from the chat',
    async (status, code) => {
      const chat = await formedGroup();
      const before = bot.connector.attempts.length;
      bot.connector.failNext(status, 1, code);
      await bot.send(mention(chat, members[1], 'status'));
      expect(bot.connector.attempts.length - before).toBe(1);
      expect((await groupOf(chat))?.inactive).toMatchObject({ status, code });
      await bot.send(mention(chat, members[1], 'hjælp'));
      expect((await groupOf(chat))?.inactive).toBeUndefined();
    },
  );

  it('never answers a click with an empty message, also when the chat is gone', async () => {
    const chat = await formedGroup();
    bot.connector.refuseConversation(chat.conversationId, 'BotNotInConversationRoster');
    const res = await bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 }));
    bot.connector.refuseConversation(chat.conversationId);
    expect(res.status).toBe(200);
    expect(typeof res.body?.value).toBe('string');
    expect(String(res.body?.value).trim()).not.toBe('');
  });

  it('closes a meeting once when Teams re-sends the click with a new activity id', async () => {
    const chat = await formedGroup();
    await bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 }));
    await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
    await bot.send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
    await bot.send(invoke(chat, coordinator, 'endVoting', { meeting: 1 }));
    const posts = bot.connector.posts().length;
    const close = { meeting: 1, agreements: 'Vi mødes igen i marts.' };
    const first = await bot.send(invoke(chat, coordinator, 'closeMeeting', close));
    const again = await bot.send(invoke(chat, coordinator, 'closeMeeting', close));
    const conclusions = bot.connector
      .posts()
      .slice(posts)
      .filter((p) => cardText(attachedCard(p.activity)).includes('Vi mødes igen i marts'));
    expect(conclusions).toHaveLength(1);
    expect(again.body?.type).toBe(first.body?.type);
    expect(again.body?.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('keeps one proposal when Teams re-sends "Gem mit forslag" with a new activity id', async () => {
    const chat = groupChat(bot.connector.serviceUrl);
    const programme = sampleSnapshot();
    const key = await seedSnapshot(bot.running.store, chat, {
      ...programme,
      group: { ...programme.group, value: { ...programme.group.value, projectVote: undefined } },
      projectVotes: [],
      project: undefined,
    });
    const member = programme.group.value.members[0];
    const count = async (): Promise<number> => (await bot.running.store.loadPartition(key))!.proposals.length;
    const before = await count();
    const proposal = { title: 'Fælles beboermøde', description: 'Et møde om renoveringen' };
    const first = await bot.send(
      invoke(chat, { id: member.userId, name: member.name }, 'proposeProject', proposal),
    );
    expect(cardText(first.body?.value)).toContain('Fælles beboermøde');
    await bot.send(invoke(chat, { id: member.userId, name: member.name }, 'proposeProject', proposal));
    expect((await count()) - before).toBe(1);
  });

  it('keeps an unknown 403 from marking the group inactive', async () => {
    const chat = await formedGroup();
    bot.connector.failNext(403, 1, 'SomethingElse');
    await bot.send(mention(chat, user('Bente Kjær'), 'hjælp'));
    expect((await groupOf(chat))?.inactive).toBeUndefined();
  });
});
