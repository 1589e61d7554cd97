/**
 * Every turn reads its group once. The shared status card after answers: served from what the
 * answer turn read when nothing else changed meanwhile, read again when it did, and always ending
 * with every answer on it. The chat's stored reference is checked against the group rows turns
 * have just read, not by reading the group again.
 */
import { randomUUID } from 'node:crypto';
import { groupChat, invoke, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { groupKeyOf } from '../../src/store/keys';

jest.setTimeout(60_000);

const person = (first: string): TestUser => user(`${first} ${randomUUID().slice(0, 8)}`);

/**
 * Storage traffic the test watches: reads of the groups counted (the outbox's own looks for work,
 * every 2 s while it holds a lease, are not a turn's), answer writes held while `hold` is set.
 */
const traffic = { reads: 0, hold: false, held: 0, release: (): void => undefined };
/** The test clock: `later` moves it on. */
let later = 0;
let tick = 0;
const clock = (): Date => new Date(TEST_NOW.getTime() + later + tick++);

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({}, {}, undefined, clock, async (request) => {
    if (request.method === 'GET' && !/\/outbox\b/.test(new URL(request.url).pathname)) traffic.reads++;
    // An answer is written in a transaction (a batch naming its row) with the person's standing.
    const answerWrite =
      request.method !== 'GET' &&
      (decodeURIComponent(request.url).includes("RowKey='answer|") || !!request.body?.includes('answer|'));
    if (!traffic.hold || !answerWrite) return;
    traffic.held++;
    await new Promise<void>((resolve) => {
      const previous = traffic.release;
      traffic.release = (): void => {
        previous();
        resolve();
      };
    });
  });
});
afterAll(() => bot.stop());

/** A group of a coordinator and three members with meeting 1 started; the status card's id. */
async function startedGroup(): Promise<{
  chat: TestChat;
  karen: TestUser;
  members: TestUser[];
  statusId: string;
}> {
  const chat = groupChat(bot.connector.serviceUrl);
  const karen = person('Karen');
  const members = ['Jens', 'Aisha', 'Søren'].map(person);
  await bot.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken' }));
  for (const m of members)
    await bot.send(invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Varmemester' }));
  await bot.send(invoke(chat, karen, 'startMeeting', { meeting: 1 }));
  // The start's cards are posted after the turn (the outbox): wait until they are out.
  await bot.running.quiet();
  const snapshot = await bot.running.store.loadPartition(groupKeyOf(chat.tenantId, chat.conversationId));
  return { chat, karen, members, statusId: snapshot!.meetings[0].value.statusCardId! };
}

const answer = (m: TestUser): Record<string, unknown> => ({
  meeting: 1,
  a1: `Råd fra ${m.name}`,
  a2: 'Varsl i god tid',
  a3: 'Én kontaktperson',
});

/** What everyone sees on the status card now. */
function statusText(statusId: string): string {
  const updates = bot.connector.updates().filter((u) => u.activityId === statusId);
  return cardText(attachedCard(updates.at(-1)!.activity));
}

describe('the status card after an answer', () => {
  it('shows the answer without reading the group a second time', async () => {
    const { chat, members, statusId } = await startedGroup();
    traffic.reads = 0;
    const res = await bot.send(invoke(chat, members[0], 'submitAnswer', answer(members[0])));
    expect(cardText(res.body?.value)).toContain('Dine råd er gemt');
    expect(statusText(statusId)).toContain('1 af 3 har delt deres svar');
    // The card everyone sees counts; it names no one (the coordinator's own view does).
    expect(statusText(statusId)).not.toContain(members[0].name);
    // One partition read for the answer and its card; the refresh used what the turn had.
    expect(traffic.reads).toBe(1);
  });

  it('ends with both answers when two people answer at once, each unaware of the other', async () => {
    const { chat, members, statusId } = await startedGroup();
    // Both turns read the group before either writes: each one's view lacks the other's answer.
    traffic.hold = true;
    traffic.held = 0;
    const both = [members[0], members[1]].map((m) => bot.send(invoke(chat, m, 'submitAnswer', answer(m))));
    while (traffic.held < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    traffic.hold = false;
    traffic.release();
    const results = await Promise.all(both);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(statusText(statusId)).toContain('2 af 3 har delt deres svar');
  });
});

describe("Teams' automatic refresh of a shared card (each person's own view)", () => {
  const refresh = (chat: TestChat, who: TestUser) =>
    invoke(chat, who, 'refresh', { card: 'meetingStatus', meeting: 1 });

  it('costs one read, and gives the coordinator the names and steps, a member their own state', async () => {
    const { chat, karen, members, statusId } = await startedGroup();
    for (const m of members.slice(0, 2)) await bot.send(invoke(chat, m, 'submitAnswer', answer(m)));
    const base = bot.connector
      .updates()
      .filter((u) => u.activityId === statusId)
      .at(-1)!;
    const card = attachedCard(base.activity);
    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(4);
    expect(JSON.stringify(card)).not.toContain('"reveal"');
    traffic.reads = 0;
    const coordinator = cardText((await bot.send(refresh(chat, karen))).body?.value);
    expect(traffic.reads).toBe(1);
    expect(coordinator).toContain('2 af 3 har delt deres svar');
    for (const m of members.slice(0, 2)) expect(coordinator).toContain(m.name);
    expect(coordinator).toContain('Vis svarene');
    traffic.reads = 0;
    const answered = cardText((await bot.send(refresh(chat, members[0]))).body?.value);
    const waiting = cardText((await bot.send(refresh(chat, members[2]))).body?.value);
    expect(traffic.reads).toBe(2);
    expect(answered).toContain('Du har delt dine svar');
    expect(waiting).toContain('Du har ikke delt dine svar endnu');
    for (const view of [answered, waiting]) {
      expect(view).not.toContain(members[1].name);
      expect(view).not.toContain('Vis svarene');
    }
  });
});

describe("a member's first activity in the chat after a while", () => {
  it('is checked against the group the turn before read: one read for the whole answer', async () => {
    const { chat, members, statusId } = await startedGroup();
    later += 11 * 60_000;
    // The first activity after ten quiet minutes reads the group to check the chat's reference.
    await bot.send(invoke(chat, members[0], 'submitAnswer', answer(members[0])));
    traffic.reads = 0;
    await bot.send(invoke(chat, members[1], 'submitAnswer', answer(members[1])));
    expect(statusText(statusId)).toContain('2 af 3 har delt deres svar');
    expect(traffic.reads).toBe(1);
  });
});
