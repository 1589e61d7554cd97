/**
 * Issue 20 point 3: one member sends `mine data` 2,000 times (each answer a large card) through
 * the real entry point, against a connector that holds the bot to Teams' limits. The bot answers
 * every request at once, keeps a bounded number of answers waiting for Teams, its heap after GC is
 * flat, and it keeps answering others.
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { groupChat, inPersonal, mention, personal, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { capturedLog } from '../support/log-lines';
import { maxSnapshot } from '../support/max-inputs';
import { seedSnapshot } from '../support/seed';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;
const MESSAGES = 2_000;
const AT_ONCE = 40;

/** The heap after a full collection (twice: the first may leave what finalizers free). */
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

let bot: TestBot;
let chat: TestChat;
const { log, lines } = capturedLog('warn');
const snapshot = maxSnapshot();
const member = { id: snapshot.group.value.members[1].userId, name: 'Medlem Et' };

beforeAll(async () => {
  // The connector keeps no bodies: the heap measured is the bot's (and the test's), not its recordings.
  bot = await startTestBot({}, { enforceLimits: true, dropBodies: true }, log);
  chat = groupChat(bot.connector.serviceUrl, randomUUID());
  await seedSnapshot(bot.running.store, chat, snapshot);
  // A second group with the same member: their data spans groups, as the red team's did.
  await seedSnapshot(bot.running.store, groupChat(bot.connector.serviceUrl, chat.tenantId), snapshot);
});
afterAll(() => bot.stop());

it(`answers ${MESSAGES} mine data messages from one member with a flat heap, and keeps answering others`, async () => {
  const mine = personal(chat);
  const ask = (): Record<string, unknown> => inPersonal(mention(mine, member, 'mine data'));
  await bot.send(ask());
  const card = bot.connector.posts().at(-1)!;
  expect(card.conversationId).toBe(mine.conversationId);
  process.stdout.write(`one mine data card: ${card.bytes} bytes\n`);
  expect(card.bytes).toBeGreaterThan(20_000);
  const postsBefore = bot.connector.posts().filter((p) => p.conversationId === mine.conversationId).length;

  const before = heapAfterGc();
  let answered = 0;
  for (let i = 0; i < MESSAGES; i += AT_ONCE) {
    const statuses = await Promise.all(
      Array.from({ length: Math.min(AT_ONCE, MESSAGES - i) }, async () => {
        const res = await fetch(`${bot.running.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ask()),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    answered += statuses.filter((s) => s === 200).length;
  }
  const flooded = heapAfterGc();
  expect(answered).toBe(MESSAGES);

  // Someone else in another chat is answered while the member's answers still wait for Teams.
  const other = groupChat(bot.connector.serviceUrl, chat.tenantId);
  await bot.send(mention(other, user('Karen Holm'), 'hjælp'));
  expect(bot.connector.posts().some((p) => p.conversationId === other.conversationId)).toBe(true);
  const after = heapAfterGc();

  const sent =
    bot.connector.posts().filter((p) => p.conversationId === mine.conversationId).length - postsBefore;
  process.stdout.write(
    `heap after GC: before ${(before / MB).toFixed(1)} MB, after ${MESSAGES} messages ` +
      `${(flooded / MB).toFixed(1)} MB (+${((flooded - before) / MB).toFixed(1)}), once sent ` +
      `${(after / MB).toFixed(1)} MB (+${((after - before) / MB).toFixed(1)}); ${sent} answers sent to the member\n`,
  );
  expect(flooded - before).toBeLessThan(10 * MB);
  expect(after - before).toBeLessThan(5 * MB);
  // What waited was bounded: the member got at most the bound's worth of answers, never thousands.
  expect(sent).toBeGreaterThanOrEqual(1);
  expect(sent).toBeLessThan(MESSAGES / 4);
  expect(bot.connector.attempts.filter((a) => a.status === 429)).toEqual([]);
  expect(lines.filter((l) => /"level":50|reply\.failed/.test(l))).toEqual([]);
}, 300_000);
