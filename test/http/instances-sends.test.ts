/**
 * Two instances of the bot on one storage, one of them holding the tenant's outbox lease: the sends
 * that do not answer a turn's own request — the welcome card when the bot is added to a chat (or
 * the group's card posted anew), the cards a deletion replaces, and a reminder — go out once, and
 * only through the lease holder's pacer, when the other instance took the turn or claimed the
 * reminder. Which instance made an attempt is read from its own log (`send.attempt`, one per
 * attempt through its pacer).
 */
import { randomUUID } from 'node:crypto';
import {
  botAdded,
  groupChat,
  invoke,
  mention,
  user,
  type TestChat,
  type TestUser,
} from '../support/activities';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { capturedLog } from '../support/log-lines';
import { sampleSettings } from '../support/sample-group';
import type { ConnectorCall } from '../support/fake-connector';
import { groupKeyOf } from '../../src/store/keys';

jest.setTimeout(120_000);

/** A meeting no other test's reminders fall due with: Monday 15 March 2027, 13:00 Copenhagen time. */
const MEETING = {
  meeting: 1,
  date: '2027-03-15',
  start: '13:00',
  end: '15:00',
  location: 'Beboerhuset',
  text: 'Hej [dato]',
};
const START = new Date('2027-03-15T12:00:00Z');
const H = 3600 * 1000;

let clock = TEST_NOW;
const now = (): Date => clock;
const oneLog = capturedLog('debug');
const otherLog = capturedLog('debug');
let one: TestBot;
let other: TestBot;
/** A chat of the same tenant where the holder answers `hjælp`, which makes it take the lease. */
let anchor: TestChat;
const karen: TestUser = user(`Karen ${randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  const scope = randomUUID();
  one = await startTestBot({}, {}, oneLog.log, now, undefined, scope);
  // Only the other instance looks for due reminders (every minute, and when the test ticks it).
  other = await startTestBot(
    { REMINDERS: 'on', RETENTION_SWEEP: 'off' },
    {},
    otherLog.log,
    now,
    undefined,
    scope,
  );
  anchor = groupChat(one.connector.serviceUrl);
});
afterAll(async () => {
  await Promise.all([one.stop(), other.stop()]);
});

/** Both instances have sent everything (handed-over sends included) and hold no lease. */
async function settled(): Promise<void> {
  await Promise.all([one.running.quiet(), other.running.quiet()]);
  await Promise.all([one.running.idle(), other.running.idle()]);
}

/** The first instance answers in the anchor chat: it sends for the tenant now (and for 10 s idle). */
async function firstHoldsLease(): Promise<{ one: number; other: number }> {
  const from = { one: oneLog.lines.length, other: otherLog.lines.length };
  await one.send(mention(anchor, karen, 'hjælp'));
  expect(attempts(oneLog.lines, from.one, anchor)).toBeGreaterThanOrEqual(1);
  return { one: oneLog.lines.length, other: otherLog.lines.length };
}

const events = (lines: string[], from: number, event: string): Record<string, unknown>[] =>
  lines
    .slice(from)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.event === event);

/** How many sends an instance attempted into a chat (through its pacer) after log line `from`. */
const attempts = (lines: string[], from: number, chat: TestChat): number =>
  events(lines, from, 'send.attempt').filter((l) => l.conversation === chat.conversationId).length;

const inChat = (calls: ConnectorCall[], chat: TestChat): ConnectorCall[] =>
  calls.filter((c) => c.conversationId === chat.conversationId);

const textOf = (call: ConnectorCall): string =>
  Array.isArray(call.activity.attachments)
    ? cardText(attachedCard(call.activity))
    : String(call.activity.text);

async function setUp(chat: TestChat, name: string): Promise<void> {
  await one.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name }));
  await settled();
}

it('welcomes a chat once, from the lease holder, when the other instance is told the bot was added', async () => {
  const chat = groupChat(one.connector.serviceUrl);
  const from = await firstHoldsLease();
  const before = one.connector.posts().length;
  expect((await other.send(botAdded(chat, karen))).status).toBe(200);
  await settled();
  const posts = inChat(one.connector.posts().slice(before), chat);
  expect(posts.map(textOf)).toEqual([expect.stringContaining('Velkommen til erfaringsgruppen')]);
  expect(attempts(otherLog.lines, from.other, chat)).toBe(0);
  expect(attempts(oneLog.lines, from.one, chat)).toBe(1);
});

it("posts the group's card anew once, from the lease holder, when the bot is added again through the other instance", async () => {
  const chat = groupChat(one.connector.serviceUrl);
  await setUp(chat, 'Genvelkommen');
  const from = await firstHoldsLease();
  const before = one.connector.posts().length;
  await other.send(botAdded(chat, karen));
  await settled();
  const posts = inChat(one.connector.posts().slice(before), chat);
  expect(posts.map(textOf)).toEqual([expect.stringContaining('Genvelkommen')]);
  // Its id is the group's card now: later changes update it in place.
  const group = await one.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId));
  expect(group?.value.groupCardId).toBe(posts[0].id);
  expect(attempts(otherLog.lines, from.other, chat)).toBe(0);
  expect(attempts(oneLog.lines, from.one, chat)).toBe(1);
});

it("replaces a deleted group's cards once, from the lease holder, when the other instance took the deletion", async () => {
  const chat = groupChat(one.connector.serviceUrl);
  await setUp(chat, 'Slettegruppen');
  const groupCardId = (await one.running.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId)))
    ?.value.groupCardId;
  expect(groupCardId).toBeTruthy();
  // The holder answers `slet gruppe` (so it sends for the tenant); the other instance takes the confirmation.
  await one.send(mention(chat, karen, 'slet gruppe'));
  const ask = inChat(one.connector.posts(), chat).at(-1)!;
  const { token } = (attachedCard(ask.activity).actions as { data: { token: string } }[])[0].data;
  const from = { one: oneLog.lines.length, other: otherLog.lines.length };
  const updates = one.connector.updates().length;
  const done = await other.send(invoke(chat, karen, 'confirmDeleteGroup', { token }));
  expect(JSON.stringify(done.body)).toContain('Slettegruppen');
  await settled();
  const replaced = inChat(one.connector.updates().slice(updates), chat).filter(
    (u) => u.activityId === groupCardId,
  );
  expect(replaced.map(textOf)).toEqual([expect.stringMatching(/^Slettet/)]);
  expect(attempts(otherLog.lines, from.other, chat)).toBe(0);
  expect(attempts(oneLog.lines, from.one, chat)).toBeGreaterThanOrEqual(1);
});

it('sends a reminder the other instance claimed once, from the lease holder', async () => {
  const chat = groupChat(one.connector.serviceUrl);
  await one.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Påmindelsen' }));
  expect((await one.send(invoke(chat, karen, 'saveInvitation', MEETING))).status).toBe(200);
  await settled();
  const from = await firstHoldsLease();
  const before = one.connector.posts().length;
  clock = new Date(START.getTime() - 23 * H);
  try {
    await other.running.reminders!.tick();
  } finally {
    clock = TEST_NOW;
  }
  await settled();
  const posts = inChat(one.connector.posts().slice(before), chat);
  expect(posts.map(textOf)).toEqual([expect.stringContaining('I morgen holder vi møde 1')]);
  // Claimed by the other instance (its own look or the test's), handed to the holder, sent there.
  expect(events(otherLog.lines, from.other, 'reminder.handedOver')).toHaveLength(1);
  expect(events(otherLog.lines, from.other, 'reminder.sent')).toHaveLength(0);
  expect(attempts(otherLog.lines, from.other, chat)).toBe(0);
  expect(attempts(oneLog.lines, from.one, chat)).toBe(1);
});
