import { isOlder } from '../domain/clicks';
import { readText, type FieldErrors } from '../domain/input';
import { choosableItems, MAX_CHOICES, newItemIds, readChoices, tooManyChoices } from '../domain/items';
import { canTake, MAX_AGREEMENTS_LENGTH, START_REFUSAL, whyNotStart } from '../domain/meeting';
import { meetingsOf, rowsOf, storedMeeting } from '../domain/snapshot';
import type { Item, Meeting } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import { withPersonRow } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { memberName } from '../domain/roles';
import type { Loaded } from './access';
import { commitStep, type Posts } from './outbox';
import { attemptOf, pendingRefusal, type PostingStep } from './posting';
import { invalidForm, ok, refuse, type Outcome } from './result';
import { changeMeeting, onMeeting, useCase, type Input } from './use-case';
import { declareVerbs } from './verb';
import { chosenIn, itemsOf, view, type MeetingView } from './meeting-view';

/**
 * Moves meeting n one step on and marks its cards as on their way: with `posts`, the change and the
 * cards commit together through the outbox (docs/storage.md), which posts them after the turn;
 * two coordinators clicking at once make one change and one set of cards. A step whose cards Teams
 * refused may be taken again (the next attempt).
 */
async function step(
  deps: AppDeps,
  actor: Actor,
  loaded: Loaded,
  name: PostingStep,
  change: (m: Meeting) => Meeting,
  posts: Posts<MeetingView> | undefined,
  gate?: 'close',
): Promise<Outcome<MeetingView>> {
  const { meeting, n, snapshot } = loaded;
  if (!meeting) return refuse('meetingNotOpen', { n });
  const now = deps.now();
  const pending = pendingRefusal(meeting.value, name, now);
  if (pending) return refuse(pending, { n });
  if (!meeting.value.unposted && !canTake(name, meeting.value)) return refuse('wrongStep', { n });
  const at = now.toISOString();
  const attempt = attemptOf(meeting.value, name);
  const unposted = { step: name, since: at, failed: false, attempt };
  const next = { ...change(meeting.value), unposted, updatedAt: at };
  const shown = view(snapshot, next);
  const finish = { unposted: { meeting: n, mark: unposted } };
  const id = `m${n}.${name}.${attempt}`;
  const writes = { meeting: { value: next, etag: meeting.etag }, gate, read: snapshot };
  const group = snapshot.group.value;
  if (!(await commitStep(deps, actor, group, { id, meeting: n, finish }, writes, posts, shown)))
    await deps.store.stepMeeting(snapshot, next, gate);
  return ok(shown);
}

/** A meeting started without an invitation: no date, time, place or text. */
const NO_PLAN = { date: '', start: '', end: '', location: '', text: '' };

/** Starts meeting n (coordinator; n−1 closed; at least 3 members); with `posts`, its cards go out through the outbox. */
export function startMeeting(
  deps: AppDeps,
  actor: Actor,
  input: Input,
  posts?: Posts<MeetingView>,
): Promise<Outcome<MeetingView>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'coordinator'), async ({ snapshot, n, meeting }) => {
    const blocked = whyNotStart(n, meetingsOf(snapshot), snapshot.group.value.members.length);
    if (blocked) return refuse(START_REFUSAL[blocked.reason], blocked.vars);
    const now = deps.now().toISOString();
    const base: Meeting = meeting?.value ?? { number: n, status: 'planned', ...NO_PLAN, updatedAt: now };
    const revealMode = base.revealMode ?? snapshot.group.value.revealMode;
    const started: Meeting = { ...base, status: 'running', revealMode, updatedAt: now };
    const shown = view(snapshot, started);
    const writes = {
      meeting: { value: started, etag: meeting?.etag },
      gate: 'open' as const,
      read: snapshot,
    };
    const begun = { id: `m${n}.start`, meeting: n, finish: {} };
    if (!(await commitStep(deps, actor, snapshot.group.value, begun, writes, posts, shown)))
      await deps.store.stepMeeting(snapshot, started, 'open');
    return ok(shown);
  });
}

/** Remembers the activity id of a meeting's status or conclusion card, so later changes update it in place. */
export function recordMeetingCard(
  deps: AppDeps,
  actor: Actor,
  n: number,
  card: 'statusCardId' | 'conclusionCardId',
  activityId: string,
): Promise<Outcome<Meeting>> {
  return changeMeeting(deps, actor, n, (m) => ({ ...m, [card]: activityId }));
}

/**
 * Locks the answers of meeting n and pools them for everyone to see (coordinator): one conditional
 * transition that fails when an answer was stored since its read, and closes the answers' gate, so
 * what the reveal shows is what is stored. Answers stored before items had random ids get them
 * now, before anyone sees an id (docs/privacy.md).
 */
export function reveal(
  deps: AppDeps,
  actor: Actor,
  input: Input,
  posts?: Posts<MeetingView>,
): Promise<Outcome<MeetingView>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'coordinator'), async (loaded) => {
    const { snapshot, n, meeting } = loaded;
    if (!meeting || !canTake('reveal', meeting.value))
      return step(deps, actor, loaded, 'reveal', (m) => m, posts);
    const answers = [];
    for (const a of snapshot.answers) {
      const keyed = a.meeting === n && !a.ids ? { ...a, ids: newItemIds() } : a;
      if (keyed !== a) await deps.store.putPersonRow(actor.groupKey, 'answers', keyed);
      answers.push(keyed);
    }
    const rekeyed = { ...loaded, snapshot: { ...snapshot, answers } };
    return step(deps, actor, rekeyed, 'reveal', (m) => ({ ...m, status: 'revealed' }), posts, 'close');
  });
}

/** Opens choosing among meeting n's pooled answers (coordinator). */
export function startVoting(
  deps: AppDeps,
  actor: Actor,
  input: Input,
  posts?: Posts<MeetingView>,
): Promise<Outcome<MeetingView>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'coordinator'), (loaded) =>
    step(deps, actor, loaded, 'startVoting', (m) => ({ ...m, status: 'voting' }), posts),
  );
}

/** Ends choosing and shows what the group chose, before the meeting is closed (coordinator). */
export function endVoting(
  deps: AppDeps,
  actor: Actor,
  input: Input,
  posts?: Posts<MeetingView>,
): Promise<Outcome<MeetingView>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'coordinator'), (loaded) =>
    step(deps, actor, loaded, 'endVoting', (m) => ({ ...m, status: 'chosen' }), posts),
  );
}

/** A vote's view: what the caller chose; `newer` when a newer click of theirs is stored (shown instead, nothing changed). */
export type VoteView = MeetingView & { mine: Item[]; newer?: boolean };

/**
 * Stores what the caller chose: up to three of the items of each question (member; while
 * choosing), conditional on the row read and their standing. A click older than the stored
 * vote's changes nothing.
 */
export function vote(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<VoteView>> {
  return useCase(deps, actor, onMeeting(data.meeting, 'member'), async ({ snapshot, n, meeting }) => {
    if (!meeting || !canTake('vote', meeting.value)) return refuse('wrongStep', { n });
    const choices = readChoices(data.choices ?? '');
    const items = choosableItems(n, itemsOf(snapshot, n));
    if (!choices || choices.some((c) => !items.some((i) => i.id === c))) return refuse('invalidInput');
    const tooMany = tooManyChoices(n, items, choices);
    if (tooMany) return refuse('tooManyChoices', { max: MAX_CHOICES, count: tooMany.count });
    const stored = rowsOf(snapshot.votes, n).find((v) => v.userId === actor.userId);
    if (stored && isOlder(actor.clickedAt, stored.actedAt)) {
      const mine = items.filter((i) => stored.choices.includes(i.id));
      return ok({ ...view(snapshot, meeting.value), mine, newer: true });
    }
    const name = memberName(snapshot.group.value, actor);
    const acted = actor.clickedAt ? { actedAt: actor.clickedAt } : {};
    const mine = { meeting: n, userId: actor.userId, name, choices, ...acted };
    await deps.store.writePersonRow(snapshot, 'votes', mine);
    const votes = withPersonRow(snapshot.votes, 'votes', mine);
    return ok({
      ...view({ ...snapshot, votes }, meeting.value),
      mine: items.filter((i) => choices.includes(i.id)),
    });
  });
}

/**
 * Closes meeting n (coordinator): after what the group chose was shown, or without choosing; with
 * the agreements, if the group made any. Its conclusion keeps what was chosen, per question.
 */
export function closeMeeting(
  deps: AppDeps,
  actor: Actor,
  data: Input,
  posts?: Posts<MeetingView>,
): Promise<Outcome<MeetingView>> {
  return useCase(deps, actor, onMeeting(data.meeting, 'coordinator'), async (loaded) => {
    const errors: FieldErrors = {};
    const agreements = readText(
      data,
      'agreements',
      { required: false, max: MAX_AGREEMENTS_LENGTH, multiline: true },
      errors,
    );
    if (Object.keys(errors).length) return invalidForm(errors);
    const { snapshot, n, meeting } = loaded;
    // Teams re-sends a click it thinks unanswered, sometimes with a new activity id: the same
    // agreements for a meeting already closed (its card accepted) are that click again.
    const closed = meeting?.value.status === 'closed' && !meeting.value.unposted;
    if (closed && meeting?.value.conclusion?.agreements === agreements)
      return ok({ ...view(snapshot, meeting.value), repeated: true });
    // A close whose card Teams did not accept is taken again with the result it closed with.
    const status = meeting?.value.status;
    const top =
      status === 'closed'
        ? (meeting?.value.conclusion?.top ?? [])
        : status === 'chosen'
          ? chosenIn(snapshot, n, itemsOf(snapshot, n))
          : [];
    const closedAt = deps.now().toISOString();
    const conclusion = { top, agreements, closedAt };
    return step(deps, actor, loaded, 'close', (m) => ({ ...m, status: 'closed', conclusion }), posts);
  });
}

/**
 * Meeting n as stored now (one query of the group row and meeting n's rows), shaped by `shape`:
 * what a card refreshed after several quick clicks shows. Undefined when the group or the meeting is gone.
 */
export async function current<V>(
  deps: AppDeps,
  actor: Actor,
  n: number,
  shape: (snapshot: GroupSnapshot, meeting: Meeting) => V,
): Promise<V | undefined> {
  const snapshot = await deps.store.loadMeetingPartition(actor.groupKey, n);
  const meeting = snapshot && storedMeeting(snapshot, n);
  return snapshot && meeting ? shape(snapshot, meeting.value) : undefined;
}

/** Meeting n as stored now (one partition query), for refreshing its status card. */
export function currentMeeting(deps: AppDeps, actor: Actor, n: number): Promise<MeetingView | undefined> {
  return current(deps, actor, n, view);
}

/** The card verbs of running a meeting. */
export const meetingVerbs = declareVerbs({
  startMeeting: { who: 'coordinator', repeatable: false, run: startMeeting },
  reveal: { who: 'coordinator', refreshes: 'meetingStatus', repeatable: false, run: reveal },
  startVoting: { who: 'coordinator', refreshes: 'meetingStatus', repeatable: false, run: startVoting },
  endVoting: { who: 'coordinator', refreshes: 'meetingStatus', repeatable: false, run: endVoting },
  vote: { who: 'member', refreshes: 'meetingStatus', repeatable: true, run: vote },
  closeMeeting: { who: 'coordinator', refreshes: 'meetingStatus', repeatable: false, run: closeMeeting },
});
