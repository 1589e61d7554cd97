/**
 * Issue 20 point 4: a project lead compares theme 1 across 300 groups (18 shown answers each)
 * through the real entry point. The event loop is never held for 100 ms, `/healthz` keeps
 * answering meanwhile, and the card fits Teams' limit.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fixture from '../fixtures/across-groups.da.json';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/fit';
import type { Group } from '../../src/domain/types';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, inPersonal, mention, personal, user, type TestChat } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { meetingOne } from '../support/seed';

const GROUPS = 300;
const TENANT = randomUUID();
const lead = user('Lene Projektleder');
const texts = fixture.groups.flatMap((g) => g.answers.map((a) => a.text));
const places = ['Søbakken', 'Engparken', 'Havnegade', 'Kildevang', 'Nørrevang', 'Bakkehuset', 'Åparken'];
let bot: TestBot;
let chat: TestChat;

/** Group `g`: six members, each with three pieces of advice drawn from the fixture, meeting 1 closed. */
async function seedGroup(g: number): Promise<void> {
  const c = groupChat(bot.connector.serviceUrl, TENANT);
  const key = groupKeyOf(c.tenantId, c.conversationId);
  const members = Array.from({ length: 6 }, (_, i) => ({
    userId: randomUUID(),
    name: `Medlem ${i + 1}`,
    roleCategory: 'imellem' as const,
    roleTitle: 'Medarbejder',
    joinedAt: '2026-11-01T09:00:00.000Z',
  }));
  const group: Group = {
    key,
    tenantId: TENANT,
    name: `Erfaringsgruppe ${places[g % places.length]} ${g + 1}`,
    association: `Boligorganisation ${g % 40}`,
    area: 'Afdeling 1',
    phase: 'undervejs',
    language: 'da',
    revealMode: 'named',
    coordinators: [{ userId: members[0].userId, name: members[0].name }],
    members,
    conversation: { conversation: { id: c.conversationId } },
    createdAt: '2026-11-01T09:00:00.000Z',
  };
  const store = bot.running.store;
  await store.createGroup(group);
  await store.saveMeeting(key, meetingOne('closed'), undefined);
  await Promise.all(
    members.map((m, i) =>
      store.putPersonRow(key, 'answers', {
        meeting: 1,
        userId: m.userId,
        name: m.name,
        fields: [0, 1, 2].map(
          (f) => `${texts[(g * 7 + i * 3 + f) % texts.length]} ${places[(g + f) % places.length]}`,
        ),
        updatedAt: '2026-11-20T12:30:00.000Z',
      }),
    ),
  );
}

beforeAll(async () => {
  bot = await startTestBot({ PROJECT_LEADS: lead.id });
  chat = personal(groupChat(bot.connector.serviceUrl, TENANT));
  for (let g = 0; g < GROUPS; g += 10)
    await Promise.all(Array.from({ length: Math.min(10, GROUPS - g) }, (_, k) => seedGroup(g + k)));
}, 300_000);
afterAll(() => bot.stop());

/** The process's CPU time so far (every thread), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** What `measured` saw: the event loop's longest delay (wall clock and as CPU time) and `/healthz`. */
interface Measured {
  /** The longest event-loop delay (monitorEventLoopDelay): the bot's work plus any time the machine gave the process no CPU. */
  delayMs: number;
  /** The longest event-loop block the process itself spent CPU on (the bot's work; other processes' load left out). */
  blockMs: number;
  healthzMs: number;
  checks: number;
}

/**
 * Runs `work` while measuring the event loop and `/healthz`. A ticker every 2 ms notes how much
 * wall time and how much of the process's CPU time passed since its last tick: a block is the
 * smaller of the two, so time the machine spent on other processes (two cores shared with other
 * test runs) is not counted as the bot's; monitorEventLoopDelay's maximum counts it.
 */
async function measured(work: () => Promise<unknown>): Promise<Measured> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let blockMs = 0;
  let last = { wall: performance.now(), cpu: cpuMs() };
  const ticker = setInterval(() => {
    const now = { wall: performance.now(), cpu: cpuMs() };
    blockMs = Math.max(blockMs, Math.min(now.wall - last.wall, now.cpu - last.cpu));
    last = now;
  }, 2);
  let done = false;
  let healthzMs = 0;
  let checks = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${bot.running.url}/healthz`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      healthzMs = Math.max(healthzMs, performance.now() - started);
      checks++;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await probe;
    clearInterval(ticker);
    delay.disable();
  }
  return { delayMs: delay.max / 1e6, blockMs, healthzMs, checks };
}

it(`compares ${GROUPS} groups without holding the event loop for 100 ms, a page of groups at a time, on a card that fits`, async () => {
  const lastCard = (): Record<string, unknown> => {
    const post = bot.connector
      .posts()
      .filter((p) => p.conversationId === chat.conversationId)
      .at(-1)!;
    return attachedCard(post.activity);
  };
  // Steady state: the bot has answered before (the card templates are warm), and the stemmers,
  // which the bot loads on the first comparison, are loaded (under jest, loading compiles them).
  await bot.send(inPersonal(mention(chat, lead, 'hjælp')));
  await import('../../src/lib/similar-ideas');
  const { delayMs, blockMs, healthzMs, checks } = await measured(() =>
    bot.send(inPersonal(mention(chat, lead, 'på tværs 1'))),
  );
  const card = lastCard();
  process.stdout.write(
    `på tværs over ${GROUPS} groups: longest event-loop block ${blockMs.toFixed(1)} ms of CPU, longest ` +
      `event-loop delay ${delayMs.toFixed(1)} ms (monitorEventLoopDelay), slowest /healthz ${healthzMs.toFixed(1)} ms ` +
      `over ${checks} checks; card ${cardBytes(card)} bytes (budget ${CARD_BUDGET_BYTES})\n`,
  );
  expect(checks).toBeGreaterThan(3);
  expect(blockMs).toBeLessThan(100);
  // Wall-clock figures also hold the time other processes had the CPU; the all-pairs comparison
  // held everyone for seconds (38 s at 300 groups), which no machine's load explains.
  expect(delayMs).toBeLessThan(1_000);
  // /healthz also waits for storage, which serves the comparison's reads meanwhile.
  expect(healthzMs).toBeLessThan(1_000);
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  const text = cardText(card);
  expect(text).toContain('Side 1 af 3: grupperne 1–100 af 300.');
  expect(text).toContain('på tværs 1 side 2');
  expect(text).toMatch(/– \d+ grupper i \d+ boligorganisationer/);
  expect(text).not.toMatch(/Medlem \d/);

  await bot.send(inPersonal(mention(chat, lead, 'på tværs 1 side 3')));
  const last = cardText(lastCard());
  expect(last).toContain('Side 3 af 3: grupperne 201–300 af 300.');
  expect(last).not.toContain('side 4');
}, 300_000);
