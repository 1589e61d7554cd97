import { MAX_ANSWER_LENGTH } from '../src/domain/answer-input';
import { inPersonal, invoke, mention, personal, user } from '../test/support/activities';
import { startBotProcess, type BotMemory } from './memory';
import { finishMeeting, formGroup, newGroup, startAndAnswer, type BenchGroup } from './programme';

/** A text of exactly MAX_ANSWER_LENGTH characters, different for each writer and field. */
function longest(who: number, field: number): string {
  const words = `Råd ${who}.${field}: tag den boligsociale medarbejder med til byggemøderne og varsl beboerne i god tid – `;
  return words.repeat(Math.ceil(MAX_ANSWER_LENGTH / words.length)).slice(0, MAX_ANSWER_LENGTH);
}

/**
 * The largest legitimate use of one bot process (issue 23, point 5): one coordinator runs `groups`
 * groups of one tenant; in each, six members answer meeting 1 with three answers of the longest
 * length the form takes, and the meeting is revealed and closed; then the coordinator asks
 * `på tværs 1` (every group on one page) and `mine data` (their data in every group: the largest
 * export a person can ask for), and every member of the first group asks `mine data` too.
 */
export async function measureLargestUse(
  groups: number,
  connectionString: string,
  serviceUrl: string,
  agent: boolean,
): Promise<BotMemory & { statuses: number[] }> {
  const bot = await startBotProcess(connectionString, { agent });
  const { send, store } = bot;
  const coordinator = user('Koordinator for alle grupper');
  const all: BenchGroup[] = Array.from({ length: groups }, () => ({ ...newGroup(serviceUrl), coordinator }));
  const statuses: number[] = [];
  try {
    await Promise.all(
      all.map(async (g) => {
        await formGroup(send, g);
        await startAndAnswer(send, g, 1, store);
        await Promise.all(
          g.members.map((m, i) =>
            send(
              'submitAnswer',
              invoke(g.chat, m, 'submitAnswer', {
                meeting: 1,
                a1: longest(i, 1),
                a2: longest(i, 2),
                a3: longest(i, 3),
              }),
            ),
          ),
        );
        await finishMeeting(send, g, 1, store);
      }),
    );
    const alone = personal(all[0].chat);
    statuses.push(await send('across', inPersonal(mention(alone, coordinator, 'på tværs 1'))));
    statuses.push(await send('myData', inPersonal(mention(alone, coordinator, 'mine data'))));
    for (const m of all[0].members)
      statuses.push(await send('myData', inPersonal(mention(personal(all[0].chat), m, 'mine data'))));
  } catch (err) {
    await bot.stop();
    throw err;
  }
  return { ...(await bot.stop()), statuses };
}
