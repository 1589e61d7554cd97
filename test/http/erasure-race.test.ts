/**
 * Issue 20 point 5: `slet mine data` leaves nothing behind, also while clicks race with it. The
 * person's own answer clicks arrive during the deletion, and the coordinator closes the meeting a
 * few milliseconds after it started; afterwards no row of any table holds the person's id, name or
 * texts, and neither the reveal nor the stored conclusion shows them. Over HTTP, real Azurite.
 */
import { randomUUID } from 'node:crypto';
import { inPersonal, invoke, mention, personal, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { postsIn, runningMeeting, type GroupScenario } from '../support/scenarios';
import { allRows } from '../support/tables';

jest.setTimeout(240_000);

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const advice = (m: TestUser, k: number): string => `Råd ${k} fra ${m.name}`;

/** Meeting 1 running, every member answered; the person who will delete their data is the first member. */
async function answeredMeeting(): Promise<GroupScenario & { who: TestUser; mine: TestChat }> {
  const group = await runningMeeting(bot, { members: 4 });
  for (const m of group.members)
    await bot.send(
      invoke(group.chat, m, 'submitAnswer', {
        meeting: 1,
        a1: advice(m, 1),
        a2: advice(m, 2),
        a3: advice(m, 3),
      }),
    );
  return { ...group, who: group.members[0], mine: personal(group.chat) };
}

/** The confirmation click of `slet mine data`, asked for in the person's personal chat. */
async function confirmation(who: TestUser, mine: TestChat): Promise<Record<string, unknown>> {
  await bot.send(inPersonal(mention(mine, who, 'slet mine data')));
  const card = attachedCard(postsIn(bot, mine).at(-1)!.activity);
  const token = (card.actions as { data: { token: string } }[])[0].data.token;
  return inPersonal(invoke(mine, who, 'confirmDeleteMyData', { token }));
}

/** Every stored row, in any table, that holds the person's id, or their name in the group's partition. */
async function rowsAbout(who: TestUser, key: string): Promise<string[]> {
  return (await allRows())
    .filter((r) => {
      const row = JSON.stringify(r);
      return row.includes(who.id) || (r.partitionKey === key && row.includes(who.name));
    })
    .map((r) => `${r.table}/${r.rowKey}`);
}

describe('slet mine data while the person answers', () => {
  it('leaves no row of theirs, and the reveal shows nothing of theirs', async () => {
    const TRIALS = 8;
    const left: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { chat, key, coordinator, who, mine } = await answeredMeeting();
      const confirm = await confirmation(who, mine);
      const late = `Sent svar ${randomUUID().slice(0, 6)} fra ${who.name}`;
      const done = await Promise.all([
        bot.send(confirm),
        ...[0, 2, 4, 7, 10, 14, 19, 25, 33, 45, 60].map(async (ms) => {
          await after(ms);
          return bot.send(invoke(chat, who, 'submitAnswer', { meeting: 1, a1: late, a2: 'x', a3: 'y' }));
        }),
      ]);
      expect(JSON.stringify(done[0].body)).toContain('Dine data er slettet');
      const before = postsIn(bot, chat).length;
      await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
      const shown = postsIn(bot, chat)
        .slice(before)
        .filter((p) => Array.isArray(p.activity.attachments))
        .map((p) => cardText(attachedCard(p.activity)))
        .join('\n');
      const rows = await rowsAbout(who, key);
      if (rows.length) left.push(`trial ${trial}: ${rows.join(', ')}`);
      if (shown.includes(who.name)) left.push(`trial ${trial}: the reveal shows them`);
    }
    expect(left).toEqual([]);
  });
});

describe('slet mine data while the coordinator closes the meeting', () => {
  it('keeps none of their texts in the stored conclusion', async () => {
    const TRIALS = 10;
    const kept: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { chat, key, coordinator, members, who, mine } = await answeredMeeting();
      await bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
      await bot.send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
      const theirs = (await bot.running.store.loadPartition(key))!.answers.find((a) => a.userId === who.id)!;
      for (const m of members)
        await bot.send(invoke(chat, m, 'vote', { meeting: 1, choices: theirs.ids!.join(',') }));
      const confirm = await confirmation(who, mine);
      await Promise.all([
        bot.send(confirm),
        after(trial % 5).then(() =>
          bot.send(invoke(chat, coordinator, 'closeMeeting', { meeting: 1, agreements: 'Vi gør det' })),
        ),
      ]);
      const stored = JSON.stringify((await bot.running.store.loadMeeting(key, 1))!.value.conclusion ?? {});
      if ([1, 2, 3].some((k) => stored.includes(advice(who, k))))
        kept.push(`trial ${trial}: the conclusion keeps their answer`);
      const rows = await rowsAbout(who, key);
      if (rows.length) kept.push(`trial ${trial}: ${rows.join(', ')}`);
    }
    expect(kept).toEqual([]);
  });
});
