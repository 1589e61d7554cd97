/**
 * Issue 20 point 6: a re-delivered old click never undoes a newer one. Teams may send a click again
 * late, and with a new activity id; with two instances of the bot on one storage no in-process
 * memory sees both. Each click here is an activity as Teams sends it (its `timestamp` is when Teams
 * got it); a late copy of an older one arrives after a newer one has been stored.
 */
import { randomUUID } from 'node:crypto';
import { groupChat, invoke, type TestUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { cardText } from '../support/cards';
import { sampleInvitation } from '../support/sample-group';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';
import { runningMeeting, type GroupScenario } from '../support/scenarios';

jest.setTimeout(180_000);

const TRIALS = 5;
let one: TestBot;
let other: TestBot;
beforeAll(async () => {
  one = await startTestBot();
  other = await startTestBot();
});
afterAll(async () => {
  await one.stop();
  await other.stop();
});

type Activity = Record<string, unknown>;
const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** The same click sent again by Teams, under a new activity id. */
const copyOf = (click: Activity): Activity => ({ ...click, id: `in-${randomUUID()}` });
/** Two clicks of one person, the second one later (Teams' timestamps differ). */
async function twoClicks(make: (k: number) => Activity): Promise<[Activity, Activity]> {
  const first = make(1);
  await after(3);
  return [first, make(2)];
}
const MESSAGE = 'application/vnd.microsoft.activity.message';
const said = (body: Activity | undefined): string => cardText(body?.value) || JSON.stringify(body ?? {});

/** A running meeting 1 whose members answered; `who` is the member whose clicks are re-sent. */
async function answered(): Promise<GroupScenario & { who: TestUser }> {
  const group = await runningMeeting(one);
  for (const m of group.members)
    await one.send(
      invoke(group.chat, m, 'submitAnswer', { meeting: 1, a1: `Råd fra ${m.name}`, a2: 'x', a3: 'y' }),
    );
  return { ...group, who: group.members[0] };
}

describe('a late copy of an old click, on another instance or with a new activity id', () => {
  it('does not undo a newer answer, and the person is shown what is stored', async () => {
    const reverted: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { chat, key, who } = await answered();
      const [old, newer] = await twoClicks((k) =>
        invoke(chat, who, 'submitAnswer', { meeting: 1, a1: `Svar ${k} ${trial}`, a2: 'x', a3: 'y' }),
      );
      await one.send(old);
      await other.send(newer);
      for (const [bot, where] of [
        [other, 'other instance'],
        [one, 'same instance'],
      ] as const) {
        const late = await bot.send(copyOf(old));
        const stored = (await one.running.store.loadPartition(key))!.answers.find((a) => a.userId === who.id);
        if (stored?.fields[0] !== `Svar 2 ${trial}`)
          reverted.push(`trial ${trial} (${where}): ${stored?.fields[0]}`);
        if (said(late.body).includes('Dine råd er gemt') || !said(late.body).includes(`Svar 2 ${trial}`))
          reverted.push(`trial ${trial} (${where}): told ${said(late.body).slice(0, 80)}`);
      }
    }
    expect(reverted).toEqual([]);
  });

  it('does not undo newer priorities', async () => {
    const reverted: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { chat, key, who, coordinator } = await answered();
      await one.send(invoke(chat, coordinator, 'reveal', { meeting: 1 }));
      await one.send(invoke(chat, coordinator, 'startVoting', { meeting: 1 }));
      const ids = (await one.running.store.loadPartition(key))!.answers.flatMap((a) => a.ids ?? []);
      const [old, newer] = await twoClicks((k) => invoke(chat, who, 'vote', { meeting: 1, choices: ids[k] }));
      await one.send(old);
      await other.send(newer);
      const late = await other.send(copyOf(old));
      const stored = (await one.running.store.loadPartition(key))!.votes.find((v) => v.userId === who.id);
      if (stored?.choices.join() !== ids[2])
        reverted.push(`trial ${trial}: stored ${stored?.choices.join()}`);
      if (said(late.body).includes('Dine valg er gemt')) reverted.push(`trial ${trial}: told saved`);
    }
    expect(reverted).toEqual([]);
  });

  it('does not undo a newer RSVP', async () => {
    const reverted: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { chat, key, members, coordinator } = await runningMeeting(one);
      const who = members[0];
      await one.send(
        invoke(chat, coordinator, 'saveInvitation', { ...sampleInvitation, text: 'Velkommen', meeting: 2 }),
      );
      const [old, newer] = await twoClicks((k) =>
        invoke(chat, who, 'rsvp', { meeting: 2, response: k === 1 ? 'yes' : 'no' }),
      );
      await one.send(old);
      await other.send(newer);
      const late = await other.send(copyOf(old));
      const stored = (await one.running.store.loadPartition(key))!.rsvps.find((r) => r.userId === who.id);
      if (stored?.response !== 'no') reverted.push(`trial ${trial}: stored ${stored?.response}`);
      // The person is told what stands (a message: the invitation card itself is not changed).
      const told = late.body?.type === MESSAGE ? String(late.body.value) : said(late.body);
      if (!told.includes('Jeg kan ikke') || told.includes('Jeg kommer'))
        reverted.push(`trial ${trial}: told ${told.slice(0, 80)}`);
    }
    expect(reverted).toEqual([]);
  });

  it('does not undo a newer join or leave', async () => {
    const reverted: string[] = [];
    const memberOf = async (group: GroupScenario, who: TestUser): Promise<string | undefined> =>
      (await one.running.store.loadGroup(group.key))!.value.members.find((m) => m.userId === who.id)
        ?.roleTitle;
    for (let trial = 0; trial < TRIALS; trial++) {
      const group = await runningMeeting(one, { members: 4 });
      const who = group.members[3];
      const [leave, join] = await twoClicks((k) =>
        k === 1
          ? invoke(group.chat, who, 'leaveGroup')
          : invoke(group.chat, who, 'joinGroup', { roleCategory: 'fysisk', roleTitle: `Rolle ${trial}` }),
      );
      await one.send(leave);
      await other.send(join);
      const lateLeave = await other.send(copyOf(leave));
      if ((await memberOf(group, who)) !== `Rolle ${trial}`)
        reverted.push(`trial ${trial}: a late leave took them out`);
      if (said(lateLeave.body).includes('Du har forladt gruppen'))
        reverted.push(`trial ${trial}: told they left`);

      await after(3);
      await one.send(invoke(group.chat, who, 'leaveGroup'));
      const lateJoin = await other.send(copyOf(join));
      if ((await memberOf(group, who)) !== undefined)
        reverted.push(`trial ${trial}: a late join put them back`);
      if (said(lateJoin.body).includes('Velkommen i gruppen')) reverted.push(`trial ${trial}: told welcome`);
    }
    expect(reverted).toEqual([]);
  });
});

describe('a late copy of an old project vote', () => {
  it('does not undo a newer vote', async () => {
    const reverted: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const programme = sampleSnapshot();
      const open = { ...programme.group.value, projectVote: { startedAt: '2027-05-01T10:00:00.000Z' } };
      const chat = groupChat(one.connector.serviceUrl);
      const snapshot = { ...programme, group: { ...programme.group, value: open }, project: undefined };
      const key = await seedSnapshot(one.running.store, chat, snapshot);
      const member = open.members[0];
      const who: TestUser = { id: member.userId, name: member.name };
      const [first, second] = snapshot.proposals;
      const [old, newer] = await twoClicks((k) =>
        invoke(chat, who, 'voteProject', { choice: (k === 1 ? first : second).id }),
      );
      await one.send(old);
      await other.send(newer);
      const late = await other.send(copyOf(old));
      const stored = (await one.running.store.loadPartition(key))!.projectVotes.find(
        (v) => v.userId === who.id,
      );
      if (stored?.choice !== second.id) reverted.push(`trial ${trial}: stored ${stored?.choice}`);
      if (
        said(late.body).includes('Tak! Du har stemt på') ||
        !said(late.body).includes('allerede stemt nyere')
      )
        reverted.push(`trial ${trial}: told saved`);
    }
    expect(reverted).toEqual([]);
  });
});

describe('the same person clicking twice quickly, from two devices', () => {
  it('keeps the later click whichever instance stores first', async () => {
    const wrong: string[] = [];
    const { chat, key, who } = await answered();
    for (let trial = 0; trial < 2 * TRIALS; trial++) {
      const [first, second] = await twoClicks((k) =>
        invoke(chat, who, 'submitAnswer', { meeting: 1, a1: `Enhed ${k} ${trial}`, a2: 'x', a3: 'y' }),
      );
      // The later click reaches its instance first on odd trials; both at once on even ones.
      if (trial % 2) await Promise.all([after(4).then(() => one.send(first)), other.send(second)]);
      else await Promise.all([one.send(first), other.send(second)]);
      const stored = (await one.running.store.loadPartition(key))!.answers.find((a) => a.userId === who.id);
      if (stored?.fields[0] !== `Enhed 2 ${trial}`) wrong.push(`trial ${trial}: ${stored?.fields[0]}`);
    }
    expect(wrong).toEqual([]);
  });
});
