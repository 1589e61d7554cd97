import { randomUUID } from 'node:crypto';
import type { StorageRequest } from '../../src/store/connect';
import { botAdded, groupChat, invoke, mention, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { samplePeople, sampleSettings } from '../support/sample-group';

/**
 * Issue 16: the bot reaches storage only through the use cases, and a refused click is answered in
 * the group's language from what its use case read — without reading the group a second time.
 */
describe('a refused click', () => {
  let bot: TestBot;
  let chat: TestChat;
  const requests: StorageRequest[] = [];
  const { coordinator, members } = samplePeople();

  beforeAll(async () => {
    bot = await startTestBot({}, {}, undefined, undefined, (r) => {
      requests.push(r);
    });
    chat = groupChat(bot.connector.serviceUrl);
    await bot.send(botAdded(chat, coordinator));
    await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, language: 'en' }));
    for (const m of members.slice(0, 3))
      await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
  });
  afterAll(() => bot.stop());

  /** The requests to the groups table a click makes: the re-delivery claim is in another table. */
  async function groupReads(run: () => Promise<unknown>): Promise<number> {
    const before = requests.length;
    await run();
    return requests.slice(before).filter((r) => r.method === 'GET' && /\/groups\b|\/groups\(/.test(r.url))
      .length;
  }

  it("tells a member the coordinator's step is not theirs, in English, after one read of the group", async () => {
    let text: unknown;
    const reads = await groupReads(async () => {
      const res = await bot.send(invoke(chat, members[0], 'startMeeting', { meeting: 1 }));
      text = res.body?.value;
    });
    expect(text).toBe("Only the group's coordinator (Karen Holm) can do that.");
    expect(reads).toBe(1);
  });

  it('tells someone outside the group to join first, in English, after one read of the group', async () => {
    // Their first activity in the chat is noted on the group (a read of its own); the second is not.
    await bot.send(invoke(chat, members[4], 'vote', { meeting: 1, choices: '' }));
    let text: unknown;
    const reads = await groupReads(async () => {
      const res = await bot.send(invoke(chat, members[4], 'vote', { meeting: 1, choices: '' }));
      text = res.body?.value;
    });
    expect(text).toBe("You are not in the group yet. Click “I'm in” first – then your answer counts.");
    expect(reads).toBe(1);
  });
});

describe('a coordinator of two groups asking for the whole programme in a personal chat', () => {
  let bot: TestBot;
  const { coordinator } = samplePeople();

  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it("chooses the group on a card, then gets that group's programme summary", async () => {
    const chats = [groupChat(bot.connector.serviceUrl), groupChat(bot.connector.serviceUrl)];
    for (const [i, name] of ['Erfaringsgruppe Nord', 'Erfaringsgruppe Syd'].entries())
      await bot.send(invoke(chats[i], coordinator, 'setupGroup', { ...sampleSettings, name }));
    const personal = { ...chats[0], conversationId: `a:${randomUUID()}` };
    const personally = <T extends { conversation?: unknown }>(activity: T): T => {
      (activity.conversation as Record<string, unknown>).conversationType = 'personal';
      return activity;
    };
    await bot.send(personally(mention(personal, coordinator, 'opsummering')));
    const choose = attachedCard(bot.connector.posts().at(-1)!.activity);
    expect(cardText(choose)).toContain('Hvilken gruppe mener du?');
    const buttons = choose.actions as { title: string; data: Record<string, unknown> }[];
    const syd = buttons.find((b) => b.title === 'Erfaringsgruppe Syd')!;
    const res = await bot.send(personally(invoke(personal, coordinator, 'summary', syd.data)));
    expect(cardText(res.body?.value)).toContain('Opsummering af Erfaringsgruppe Syd');
  });
});
