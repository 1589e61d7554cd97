import { itemIdOf } from '../src/domain/items';
import type { GroupSnapshot, GroupStore } from '../src/store/group-store';
import { groupKeyOf } from '../src/store/keys';
import sample from '../test/fixtures/sample-group.da.json';
import { groupChat, invoke, mention, user, type TestChat, type TestUser } from '../test/support/activities';

/** Sends one activity as a turn of the given type; resolves with the HTTP status. */
export type Send = (type: string, activity: Record<string, unknown>) => Promise<number>;

/** One benchmark group: its chat, coordinator and six members (the fixture's people). */
export interface BenchGroup {
  chat: TestChat;
  coordinator: TestUser;
  members: (TestUser & { key: string })[];
}

/** A new group on the given connector. */
export function newGroup(serviceUrl: string): BenchGroup {
  return {
    chat: groupChat(serviceUrl),
    coordinator: user(sample.coordinator.name),
    members: sample.members.map((m) => ({ ...user(m.name), key: m.key })),
  };
}

const all = <T>(items: readonly T[], f: (item: T, i: number) => Promise<unknown>): Promise<unknown[]> =>
  Promise.all(items.map(f));

/** Setup, six joins, the invitation and six RSVPs: everything before meeting 1. */
export async function formGroup(send: Send, g: BenchGroup): Promise<void> {
  await send('setupGroup', invoke(g.chat, g.coordinator, 'setupGroup', sample.group));
  await all(g.members, (m, i) => send('joinGroup', invoke(g.chat, m, 'joinGroup', sample.members[i])));
  await send(
    'saveInvitation',
    invoke(g.chat, g.coordinator, 'saveInvitation', {
      meeting: 1,
      ...sample.meetings[0].invitation,
      text: 'Hej alle – vi ses d. [dato].',
    }),
  );
  await all(g.members, (m, i) =>
    send('rsvp', invoke(g.chat, m, 'rsvp', { meeting: 1, response: i < 4 ? 'yes' : 'maybe' })),
  );
}

/** The answers of member i to meeting n, from the fixture. */
function answerOf(g: BenchGroup, n: number, i: number, edited = false): Record<string, unknown> {
  const fields = (sample.meetings[n - 1].answers as Record<string, string[]>)[g.members[i].key];
  const data: Record<string, unknown> = { meeting: n };
  fields.forEach((f, k) => (data[`a${k + 1}`] = edited && k === 0 ? `${f} (rettet)` : f));
  return data;
}

/**
 * Starts meeting n and lets all six members answer at once; then each person's Teams client asks
 * for their own view of the updated status card (the automatic refresh of `refresh.userIds`).
 */
export async function startAndAnswer(send: Send, g: BenchGroup, n: number, store: GroupStore): Promise<void> {
  await send('startMeeting', mention(g.chat, g.coordinator, `start ${n}`));
  await cardsOut(store, g, n);
  await all(g.members, (m, i) => send('submitAnswer', invoke(g.chat, m, 'submitAnswer', answerOf(g, n, i))));
  const own = { card: 'meetingStatus', meeting: n };
  await all([g.coordinator, ...g.members], (p) => send('refresh', invoke(g.chat, p, 'refresh', own)));
}

/** The group as stored (item and proposal ids are random: the benchmark reads them like a card would show them). */
async function stored(store: GroupStore, g: BenchGroup): Promise<GroupSnapshot> {
  return (await store.loadPartition(groupKeyOf(g.chat.tenantId, g.chat.conversationId)))!;
}

/**
 * Waits until meeting n's step has its cards out (the outbox posts them after the turn), as the
 * coordinator sees on the status card before the next step; at most 120 s (50 groups in one tenant share its pacing).
 */
async function cardsOut(store: GroupStore, g: BenchGroup, n: number): Promise<void> {
  const key = groupKeyOf(g.chat.tenantId, g.chat.conversationId);
  for (let k = 0; k < 1200; k++) {
    const meeting = (await store.loadMeeting(key, n))?.value;
    if (meeting?.statusCardId && !meeting.unposted) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The rest of meeting n: an edit, reveal, prioritising (three choices each), ending it, and close. */
export async function finishMeeting(send: Send, g: BenchGroup, n: number, store: GroupStore): Promise<void> {
  await send('submitAnswer', invoke(g.chat, g.members[0], 'submitAnswer', answerOf(g, n, 0, true)));
  await send('reveal', invoke(g.chat, g.coordinator, 'reveal', { meeting: n }));
  await cardsOut(store, g, n);
  await send('startVoting', invoke(g.chat, g.coordinator, 'startVoting', { meeting: n }));
  await cardsOut(store, g, n);
  const { answers } = await stored(store, g);
  const firstItemOf = (userId: string): string =>
    itemIdOf(
      answers.find((a) => a.meeting === n && a.userId === userId)!,
      1,
    );
  await all(g.members, (m, i) => {
    const choices = [0, 1, 2].map((k) => firstItemOf(g.members[(i + k) % g.members.length].id));
    return send('vote', invoke(g.chat, m, 'vote', { meeting: n, choices: choices.join(',') }));
  });
  // Choosing ends before the meeting closes (the coordinator's "Vis det, I valgte").
  await send('endVoting', invoke(g.chat, g.coordinator, 'endVoting', { meeting: n }));
  await cardsOut(store, g, n);
  await send(
    'closeMeeting',
    invoke(g.chat, g.coordinator, 'closeMeeting', {
      meeting: n,
      agreements: sample.meetings[n - 1].agreements,
    }),
  );
  await cardsOut(store, g, n);
}

/** The common project: three proposals, the vote, the choice. */
export async function chooseProject(send: Send, g: BenchGroup, store: GroupStore): Promise<void> {
  const byKey = (key: string) => g.members.find((m) => m.key === key)!;
  await all(sample.projectProposals, (p) =>
    send(
      'proposeProject',
      invoke(g.chat, byKey(p.by), 'proposeProject', { title: p.title, description: p.description }),
    ),
  );
  await send('startProjectVote', invoke(g.chat, g.coordinator, 'startProjectVote', {}));
  const snapshot = await stored(store, g);
  const chosen = snapshot.proposals.find((p) => p.userId === byKey('soeren').id)!.id;
  const owner = snapshot.group.value.members.find((m) => m.userId === byKey('soeren').id)!.ref;
  await all(g.members, (m) => send('voteProject', invoke(g.chat, m, 'voteProject', { choice: chosen })));
  await send(
    'chooseProject',
    invoke(g.chat, g.coordinator, 'chooseProject', {
      choice: chosen,
      owner,
      firstStep: sample.project.firstStep,
      dueDate: sample.project.dueDate,
    }),
  );
}

/** The coordinator's two summaries. */
export async function summaries(send: Send, g: BenchGroup): Promise<void> {
  await send('summary', mention(g.chat, g.coordinator, 'opsummering 1'));
  await send('summary', mention(g.chat, g.coordinator, 'opsummering'));
}
