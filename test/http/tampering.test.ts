import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard } from '../support/cards';
import { samplePeople, sampleSettings } from '../support/sample-group';

/** Card data only says *what*; the group and the person come from the authenticated activity. */
describe('tampered card data and hostile text', () => {
  let bot: TestBot;
  let chat: TestChat;
  let other: TestChat;
  const { coordinator, members } = samplePeople();
  const key = (c: TestChat): string => groupKeyOf(c.tenantId, c.conversationId);

  beforeAll(async () => {
    bot = await startTestBot();
    chat = groupChat(bot.connector.serviceUrl);
    other = groupChat(bot.connector.serviceUrl);
    for (const c of [chat, other]) {
      await bot.send(invoke(c, coordinator, 'setupGroup', sampleSettings));
      for (const m of members.slice(0, 3))
        await bot.send(invoke(c, m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }));
      await bot.send(invoke(c, coordinator, 'startMeeting', { meeting: 1 }));
    }
  });
  afterAll(() => bot.stop());

  it('refuses card data naming a group, conversation or user with a 400, storing nothing', async () => {
    const forgeries = [
      { group: key(other) },
      { conversationId: other.conversationId },
      { userId: members[1].id },
      { aadObjectId: members[1].id },
      { tenantId: other.tenantId },
    ];
    for (const forged of forgeries) {
      const res = await bot.send(
        invoke(chat, members[0], 'submitAnswer', { meeting: 1, a1: 'Mit råd', a2: 'b', a3: 'c', ...forged }),
      );
      expect(res.body).toMatchObject({ statusCode: 400 });
    }
    expect((await bot.running.store.loadPartition(key(chat)))!.answers).toEqual([]);
    expect((await bot.running.store.loadPartition(key(other)))!.answers).toEqual([]);
    const honest = await bot.send(
      invoke(chat, members[0], 'submitAnswer', { meeting: 1, a1: 'Mit råd', a2: 'b', a3: 'c' }),
    );
    expect(honest.status).toBe(200);
    const mine = (await bot.running.store.loadPartition(key(chat)))!.answers;
    expect(mine.map((a) => [a.name, a.fields[0]])).toEqual([[members[0].name, 'Mit råd']]);
  });

  it('refuses an oversize request body without storing anything', async () => {
    const huge = invoke(chat, members[1], 'submitAnswer', {
      meeting: 1,
      a1: 'x'.repeat(300_000),
      a2: 'b',
      a3: 'c',
    });
    const res = await fetch(`${bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(huge),
    });
    expect(res.status).toBe(413);
    expect(
      (await bot.running.store.loadPartition(key(chat)))!.answers.some((a) => a.userId === members[1].id),
    ).toBe(false);
  });

  it('removes control characters, keeps Danish letters and emoji, and shows markdown literally', async () => {
    const hostile = '[Klik her](https://evil.example) **VIGTIGT** æøå 🙂\u0000\u202E';
    await bot.send(
      invoke(chat, members[1], 'submitAnswer', {
        meeting: 1,
        a1: hostile,
        a2: '# Overskrift',
        a3: '- punkt',
      }),
    );
    const stored = (await bot.running.store.loadPartition(key(chat)))!.answers.find(
      (a) => a.userId === members[1].id,
    )!;
    expect(stored.fields[0]).toBe('[Klik her](https://evil.example) **VIGTIGT** æøå 🙂');
    await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
    const card = attachedCard(bot.connector.posts().at(-1)!.activity);
    // People's text is a TextRun: shown exactly as typed, never parsed as markdown, never escaped.
    const runs = (JSON.stringify(card).match(/"type":"TextRun","text":"[^"]*"/g) ?? []).join('\n');
    const by = ` – ${members[1].name}"`;
    expect(runs).toContain(`"• [Klik her](https://evil.example) **VIGTIGT** æøå 🙂${by}`);
    expect(runs).toContain(`"• # Overskrift${by}`);
    expect(runs).toContain(`"• - punkt${by}`);
    const markdown = JSON.stringify(card).match(/"type":"TextBlock","text":"[^"]*"/g) ?? [];
    expect(markdown.filter((t) => t.includes('Klik her') || t.includes('punkt'))).toEqual([]);
  });
});
