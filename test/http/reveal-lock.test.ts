/**
 * Issue 20 point 7: the answers are locked at the reveal. Members save edits while the coordinator
 * clicks "Vis svarene"; whatever each person is told, the reveal card shows exactly what is stored,
 * and every edit acknowledged as saved is on it. Over HTTP, against real Azurite, many trials: one
 * edit before the click, one after its answer (so both outcomes always occur), four racing it.
 */
import { randomUUID } from 'node:crypto';
import { invoke, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { postsIn, runningMeeting } from '../support/scenarios';

jest.setTimeout(180_000);

const TRIALS = 8;
/** When each member's edit leaves, in ms after the coordinator's click. */
const OFFSETS = [0, 2, 5, 9, 14, 20];

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const text = (m: TestUser, version: string): string => `${version} råd fra ${m.name}`;

describe('answers saved while the answers are shown', () => {
  it('are either on the reveal card and stored, or refused and not stored', async () => {
    const wrong: string[] = [];
    let acknowledged = 0;
    let refused = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const group = await runningMeeting(bot, { members: 6 });
      const { chat, coordinator, members } = group;
      for (const m of members)
        await bot.send(
          invoke(chat, m, 'submitAnswer', { meeting: 1, a1: text(m, 'Første'), a2: 'x', a3: 'y' }),
        );
      const before = postsIn(bot, chat).length;
      const version = `Rettet-${randomUUID().slice(0, 6)}`;
      const edit = (m: TestUser) =>
        bot.send(invoke(chat, m, 'submitAnswer', { meeting: 1, a1: text(m, version), a2: 'x', a3: 'y' }));
      // The first member edits before the click and the last after it has been answered, so both
      // outcomes occur in every trial; the four in between race the click.
      const first = await edit(members[0]);
      const revealed = bot.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
      const racing = members.slice(1, -1).map(async (m, i) => {
        await after(OFFSETS[i % OFFSETS.length]);
        return edit(m);
      });
      await revealed;
      const raced = await Promise.all(racing);
      const last = await edit(members[members.length - 1]);
      const edits = [first, ...raced, last];
      const shown = postsIn(bot, chat)
        .slice(before)
        .filter((p) => Array.isArray(p.activity.attachments))
        .map((p) => cardText(attachedCard(p.activity)))
        .join('\n');
      const stored = (await bot.running.store.loadPartition(group.key))!.answers;
      members.forEach((m, i) => {
        const saved = cardText(edits[i].body?.value).includes('Dine råd er gemt');
        const locked = JSON.stringify(edits[i].body).includes('allerede vist');
        if (saved) acknowledged++;
        if (locked) refused++;
        const expected = saved ? text(m, version) : text(m, 'Første');
        const other = saved ? text(m, 'Første') : text(m, version);
        const row = stored.find((a) => a.userId === m.id);
        if (!saved && !locked) wrong.push(`trial ${trial}: ${m.name} was told neither saved nor locked`);
        if (row?.fields[0] !== expected) wrong.push(`trial ${trial}: ${m.name} stored ${row?.fields[0]}`);
        if (!shown.includes(expected) || shown.includes(other))
          wrong.push(
            `trial ${trial}: ${m.name} told ${saved ? 'saved' : 'locked'}, the reveal shows otherwise`,
          );
      });
    }
    // Both outcomes occur in every trial, and each side of the race holds.
    expect({ wrong, acknowledged: acknowledged > 0, refused: refused > 0 }).toEqual({
      wrong: [],
      acknowledged: true,
      refused: true,
    });
  });
});
