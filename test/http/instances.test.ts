/**
 * Two instances of the bot on one storage (a scale-out, or the overlap of a deployment), answering
 * clicks of the same chat in turn: a step's cards are posted once, and every send into the chat
 * goes through the instance that holds the tenant's outbox lease, so the chat's shared card is
 * updated within Teams' limits however the clicks are spread over the instances.
 */
import { randomUUID } from 'node:crypto';
import { groupChat, invoke, user, type TestChat, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { overLimits } from '../support/fake-connector';
import { groupKeyOf } from '../../src/store/keys';

jest.setTimeout(120_000);

const person = (first: string): TestUser => user(`${first} ${randomUUID().slice(0, 8)}`);

let one: TestBot;
let other: TestBot;
beforeAll(async () => {
  const scope = randomUUID();
  // Teams refuses (429) what goes over its limits: the chats below use the first instance's connector.
  one = await startTestBot({}, { enforceLimits: true }, undefined, undefined, undefined, scope);
  other = await startTestBot({}, {}, undefined, undefined, undefined, scope);
});
afterAll(async () => {
  await Promise.all([one.stop(), other.stop()]);
});

/** Both instances have sent everything and hold no lease. */
async function settled(): Promise<void> {
  await Promise.all([one.running.quiet(), other.running.quiet()]);
  await Promise.all([one.running.idle(), other.running.idle()]);
}

/** A group of a coordinator and three members formed through both instances in turn. */
async function formed(): Promise<{ chat: TestChat; karen: TestUser; members: TestUser[] }> {
  const chat = groupChat(one.connector.serviceUrl, randomUUID());
  const karen = person('Karen');
  const members = ['Jens', 'Aisha', 'Søren'].map(person);
  await one.send(invoke(chat, karen, 'setupGroup', { ...sampleSettings, name: 'Søbakken' }));
  for (const [i, m] of members.entries())
    await [one, other][i % 2].send(
      invoke(chat, m, 'joinGroup', { roleCategory: 'imellem', roleTitle: 'Varmemester' }),
    );
  return { chat, karen, members };
}

const answer = (m: TestUser, round: number): Record<string, unknown> => ({
  meeting: 1,
  a1: `Råd ${round} fra ${m.name}`,
  a2: 'Varsl i god tid',
  a3: 'Én kontaktperson',
});

it("posts a step's cards once, whichever instance took the step and whichever holds the lease", async () => {
  const { chat, karen } = await formed();
  await settled();
  const before = one.connector.posts().length;
  // The step is taken on the instance that does not hold the lease of the setup's sends.
  await Promise.all([
    other.send(invoke(chat, karen, 'startMeeting', { meeting: 1 })),
    one.send(invoke(chat, karen, 'startMeeting', { meeting: 1 })),
  ]);
  await settled();
  const posted = one.connector.posts().slice(before);
  const snapshot = await one.running.store.loadPartition(groupKeyOf(chat.tenantId, chat.conversationId));
  const statusId = snapshot!.meetings[0].value.statusCardId;
  expect(posted.filter((p) => p.id === statusId)).toHaveLength(1);
  // Each of the step's cards once: no two posts with the same card.
  const bodies = posted.map((p) => JSON.stringify(p.activity.attachments));
  expect(new Set(bodies).size).toBe(bodies.length);
  expect(posted.length).toBeGreaterThanOrEqual(2);
});

it("keeps the chat's sends within Teams' limits when answers arrive on both instances", async () => {
  const { chat, karen, members } = await formed();
  await one.send(invoke(chat, karen, 'startMeeting', { meeting: 1 }));
  await settled();
  const from = one.connector.attempts.length;
  // Twenty-four answers and corrections, one after another, alternating between the instances:
  // each changes the status card; one instance alone would pace them, two could double the rate.
  for (let round = 0; round < 8; round++)
    for (const [i, m] of members.entries())
      await [one, other][(round + i) % 2].send(invoke(chat, m, 'submitAnswer', answer(m, round)));
  await settled();
  const sends = one.connector.attempts.slice(from);
  expect(sends.filter((s) => s.status === 429).length).toBe(0);
  expect(overLimits(sends)).toEqual({ conversation: 0, tenant: 0 });
  // Every change is on the card in the end.
  const snapshot = await one.running.store.loadPartition(groupKeyOf(chat.tenantId, chat.conversationId));
  const statusId = snapshot!.meetings[0].value.statusCardId;
  const last = one.connector
    .updates()
    .filter((u) => u.activityId === statusId)
    .at(-1)!;
  expect(cardText(attachedCard(last.activity))).toContain('3 af 3 har delt deres svar');
  // The other instance's answers reached the card through the lease holder, coalesced.
  expect(sends.filter((s) => s.activityId === statusId).length).toBeLessThan(24);
});
