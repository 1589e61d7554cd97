/**
 * Meeting reminders and `påmind` through the real entry point, with an injected clock: 48 hours
 * before (naming nobody, no @mentions, nothing to those who said they cannot come), 24 hours and
 * 1 hour before; each sent once by two bot instances on one storage; missed ones sent late only
 * while still useful.
 */
import { groupChat, invoke, mention, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { outboxSettled } from '../support/outbox-settled';
import { sampleSettings } from '../support/sample-group';

const H = 3600 * 1000;
/** Meeting 1 on Monday 30 November 2026, 13:00 Copenhagen time = 12:00 UTC. */
const MEETING = {
  meeting: 1,
  date: '2026-11-30',
  start: '13:00',
  end: '15:00',
  location: 'Beboerhuset_2 *stuen* [bag kontoret]',
  text: 'Hej [dato]',
};
const START = new Date('2026-11-30T12:00:00Z');

let clock = TEST_NOW;
const now = (): Date => clock;
let a: TestBot;
let b: TestBot;

beforeAll(async () => {
  // The retention sweep deletes by age across all groups: only test/http/retention.test.ts runs it.
  a = await startTestBot({ REMINDERS: 'on', RETENTION_SWEEP: 'off' }, {}, undefined, now);
  b = await startTestBot({ REMINDERS: 'on', RETENTION_SWEEP: 'off' }, {}, undefined, now);
});
afterAll(async () => {
  await a.stop();
  await b.stop();
});

interface Group {
  chat: TestChat;
  karen: TestUser;
  jens: TestUser;
  aisha: TestUser;
  soeren: TestUser;
}

async function invitedGroup(): Promise<Group> {
  clock = TEST_NOW;
  const chat = groupChat(a.connector.serviceUrl);
  const [karen, jens, aisha, soeren] = ['Karen Holm', 'Jens Madsen', 'Aisha Yilmaz', 'Søren Østergaard'].map(
    user,
  );
  await a.send(invoke(chat, karen, 'setupGroup', sampleSettings));
  for (const [who, roleCategory] of [
    [jens, 'fysisk'],
    [aisha, 'boligsocial'],
    [soeren, 'imellem'],
  ] as const) {
    await a.send(invoke(chat, who, 'joinGroup', { roleCategory, roleTitle: 'Medarbejder' }));
  }
  expect((await a.send(invoke(chat, karen, 'saveInvitation', MEETING))).status).toBe(200);
  await a.send(invoke(chat, jens, 'rsvp', { meeting: 1, response: 'yes' }));
  return { chat, karen, jens, aisha, soeren };
}

/**
 * Both instances look for due reminders at the same moment; returns what reached the chat (once
 * the cards of the turns before are out, and once what the ticks sent is).
 */
async function tickBoth(
  at: Date,
  chat: TestChat,
): Promise<{ text: string; textFormat?: string; entities?: { mentioned: { id: string } }[] }[]> {
  await outboxSettled([a, b], chat);
  clock = at;
  const before = a.connector.posts().length;
  const counts = await Promise.all([a.running.reminders!.tick(), b.running.reminders!.tick()]);
  await outboxSettled([a, b], chat);
  const posts = a.connector
    .posts()
    .slice(before)
    .filter((p) => p.conversationId === chat.conversationId)
    .map(
      (p) => p.activity as { text: string; textFormat?: string; entities?: { mentioned: { id: string } }[] },
    );
  expect(counts[0] + counts[1]).toBe(posts.length);
  return posts;
}

describe('meeting reminders', () => {
  it('48, 24 and 1 hour before: each once, although two instances look at the same time', async () => {
    const g = await invitedGroup();
    expect(await tickBoth(new Date(START.getTime() - 49 * H), g.chat)).toEqual([]);

    const rsvp = await tickBoth(new Date(START.getTime() - 47 * H), g.chat);
    expect(rsvp).toHaveLength(1);
    expect(rsvp[0].text).toContain('Møde 1 (»Tre gode råd«) er om to dage');
    // It speaks to whoever has not answered the invitation, without names or @mentions.
    expect(rsvp[0].text).toContain('Har du ikke svaret på invitationen endnu');
    expect(rsvp[0].text).not.toMatch(/Aisha|Søren|Jens|Karen|<at>/);
    expect(rsvp[0].entities ?? []).toEqual([]);
    expect(await tickBoth(new Date(START.getTime() - 46 * H), g.chat)).toEqual([]);

    const day = await tickBoth(new Date(START.getTime() - 23 * H), g.chat);
    expect(day.map((p) => p.text)).toEqual([
      expect.stringContaining('I morgen holder vi møde 1 (»Tre gode råd«)'),
    ]);
    // The place as typed, in a plain-text message: Teams parses no markdown, so nothing is escaped.
    expect(day[0].text).toContain('Beboerhuset_2 *stuen* [bag kontoret]');
    expect(day[0].textFormat).toBe('plain');
    expect(day[0].text).not.toContain('\\');

    const hour = await tickBoth(new Date(START.getTime() - 0.5 * H), g.chat);
    expect(hour.map((p) => p.text)).toEqual([expect.stringContaining('Om en time begynder møde 1')]);
    expect(await tickBoth(new Date(START.getTime() + 0.5 * H), g.chat)).toEqual([]);
  });

  it('after downtime, sends only the reminder that is still useful', async () => {
    const g = await invitedGroup();
    const late = await tickBoth(new Date(START.getTime() - 5 * H), g.chat);
    expect(late.map((p) => p.text)).toEqual([expect.stringContaining('I morgen holder vi møde 1')]);
    expect(late[0].text).not.toContain('to dage');
  });

  it('does not remind about a meeting that has started', async () => {
    const g = await invitedGroup();
    await a.send(mention(g.chat, g.karen, 'start 1'));
    expect(await tickBoth(new Date(START.getTime() - 23 * H), g.chat)).toEqual([]);
  });

  it('REMINDERS=off starts no scheduler', async () => {
    const off = await startTestBot({ REMINDERS: 'off' });
    expect(off.running.reminders).toBeUndefined();
    await off.stop();
  });
});

describe('påmind', () => {
  it('tells how many have shared, names nobody and leaves out who cannot come; only the coordinator may', async () => {
    const g = await invitedGroup();
    await a.send(mention(g.chat, g.karen, 'påmind'));
    expect(a.connector.posts().at(-1)!.activity.text).toContain('Der er ikke et møde i gang');

    await a.send(invoke(g.chat, g.aisha, 'rsvp', { meeting: 1, response: 'no' }));
    await a.send(mention(g.chat, g.karen, 'start 1'));
    await a.send(invoke(g.chat, g.jens, 'submitAnswer', { meeting: 1, a1: 'Et' }));
    await a.send(mention(g.chat, g.jens, 'påmind'));
    expect(a.connector.posts().at(-1)!.activity.text).toMatch(/kun gruppens koordinator/);

    await a.send(mention(g.chat, g.karen, 'påmind'));
    const reminder = a.connector.posts().at(-1)!.activity as { text: string; entities?: unknown[] };
    // Aisha said "Jeg kan ikke": she is not among those expected to share.
    expect(reminder.text).toContain('1 af 2 har delt deres svar til møde 1');
    expect(reminder.text).toContain('Er du med og har lyst til at dele dine');
    expect(reminder.text).toContain('**Skriv dine råd**');
    expect(reminder.text).not.toMatch(/Aisha|Søren|Jens|<at>/);
    expect(reminder.entities ?? []).toEqual([]);

    await a.send(invoke(g.chat, g.soeren, 'submitAnswer', { meeting: 1, a1: 'Et andet' }));
    await a.send(mention(g.chat, g.karen, 'påmind'));
    expect(a.connector.posts().at(-1)!.activity.text).toContain(
      'Alle, der er med, har delt deres svar til møde 1',
    );
  });
});
