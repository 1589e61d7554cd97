import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';

jest.setTimeout(180_000);

const GROUPS = 20;
const MEMBERS = 6;

/** 20 groups × 6 members answering at the same moment against Azurite: nothing lost, every count right. */
describe('many people answering at once', () => {
  let bot: TestBot;
  const groups: { chat: TestChat; members: TestUser[]; statusId: string }[] = [];

  beforeAll(async () => {
    bot = await startTestBot();
    await Promise.all(
      Array.from({ length: GROUPS }, async (_, g) => {
        const chat = groupChat(bot.connector.serviceUrl);
        const coordinator = user(`Koordinator ${g}`);
        const members = Array.from({ length: MEMBERS }, (_, i) => user(`Medlem ${g}.${i}`));
        await bot.send(invoke(chat, coordinator, 'setupGroup', { ...sampleSettings, name: `Gruppe ${g}` }));
        await Promise.all(
          members.map((m) =>
            bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Varmemester' })),
          ),
        );
        await bot.send(invoke(chat, coordinator, 'startMeeting', { meeting: 1 }));
        const group = await bot.running.store.loadPartition(groupKeyOf(chat.tenantId, chat.conversationId));
        groups.push({ chat, members, statusId: group!.meetings[0].value.statusCardId! });
      }),
    );
  });
  afterAll(() => bot.stop());

  it('stores all 360 fields and every status card ends at 6 of 6', async () => {
    const answers = groups.flatMap(({ chat, members }) =>
      members.map((m, i) =>
        bot.send(
          invoke(chat, m, 'submitAnswer', {
            meeting: 1,
            a1: `${m.name} råd 1 – æøå`,
            a2: `${m.name} råd 2`,
            a3: `${m.name} råd 3 ${i}`,
          }),
        ),
      ),
    );
    const results = await Promise.all(answers);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.filter((r) => !cardText(r.body?.value).includes('Dine råd er gemt'))).toEqual([]);

    let fields = 0;
    for (const { chat, members, statusId } of groups) {
      const snapshot = await bot.running.store.loadPartition(groupKeyOf(chat.tenantId, chat.conversationId));
      const stored = snapshot!.answers.filter((a) => a.meeting === 1);
      expect(stored.map((a) => a.name).sort()).toEqual(members.map((m) => m.name).sort());
      for (const a of stored)
        expect(a.fields).toEqual([
          `${a.name} råd 1 – æøå`,
          `${a.name} råd 2`,
          expect.stringMatching(new RegExp(`^${a.name} råd 3 \\d$`)),
        ]);
      fields += stored.reduce((n, a) => n + a.fields.length, 0);
      const updates = bot.connector.updates().filter((u) => u.activityId === statusId);
      expect(cardText(attachedCard(updates.at(-1)!.activity))).toContain('6 af 6 har delt deres svar');
      expect(updates.length).toBeLessThanOrEqual(MEMBERS);
    }
    expect(fields).toBe(GROUPS * MEMBERS * 3);
  });
});
