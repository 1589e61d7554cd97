/**
 * Answers the coordinator types in for a member without a device in the room (issue 22): stored
 * as that member's own answer (it counts, is shown and erased as theirs) and marked as typed in by
 * the coordinator. Never over an answer the member wrote themselves; the member's own answer
 * replaces it.
 */
import { isOlder } from '../domain/clicks';
import { newItemIds } from '../domain/items';
import { answeredIn } from '../domain/snapshot';
import type { Answer, Member } from '../domain/types';
import { standingOf, withPersonRow, type GroupSnapshot } from '../store/group-store';
import { answerFields, answering, type Answering } from './answers';
import { withCardIds } from './card-ids';
import type { Actor, AppDeps } from './context';
import { view, type MeetingView } from './meeting-view';
import { ok, refuse, type Outcome } from './result';
import { useCase, type Input, type Load } from './use-case';
import { declareVerbs } from './verb';

/** A member the coordinator may type in an answer for: their name and their random card id. */
export interface BehalfChoice {
  name: string;
  ref: string;
}

/** The coordinator's form for an answer on behalf: the members to choose from. */
export type BehalfView = MeetingView & { members: BehalfChoice[] };

/** What was stored for a member (`newer`: a newer click's answer was stored, nothing changed). */
export type BehalfSaved = BehalfView & { entered: Answer; newer?: boolean };

/** True when the member wrote their answer to meeting n themselves (the coordinator leaves it alone). */
function ownAnswer(snapshot: GroupSnapshot, n: number, userId: string): boolean {
  return answeredIn(snapshot, n).some((a) => a.userId === userId && !a.enteredBy);
}

/** The members (not the coordinator) who have not shared their own answer to meeting n, nor are being deleted. */
function choices(snapshot: GroupSnapshot, n: number, actor: Actor): BehalfChoice[] {
  return snapshot.group.value.members.flatMap((m) =>
    m.ref &&
    m.userId !== actor.userId &&
    !ownAnswer(snapshot, n, m.userId) &&
    !standingOf(snapshot, m.userId)?.erasedAt
      ? [{ name: m.name, ref: m.ref }]
      : [],
  );
}

/**
 * Loads meeting n for the coordinator while answers are open, with every member named by a card
 * id: members who joined before card ids existed get one now, so the picker lists them too.
 */
const answeringFor =
  (rawMeeting: unknown): Load<Answering> =>
  async (deps, actor) => {
    const loaded = await answering(rawMeeting, 'coordinator')(deps, actor);
    if (!loaded.ok) return loaded;
    return {
      ...loaded,
      value: { ...loaded.value, snapshot: await withCardIds(deps, loaded.value.snapshot) },
    };
  };

/** The coordinator's form for typing in a member's answer to meeting n (while answers are open). */
export function openBehalfForm(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<BehalfView>> {
  return useCase(deps, actor, answeringFor(input.meeting), ({ snapshot, n, meeting }) =>
    ok({ ...view(snapshot, meeting.value), members: choices(snapshot, n, actor) }),
  );
}

/**
 * Stores an answer the coordinator typed in for the member chosen (`member`: their card id), under
 * that member's key, while answers are open; refused for anyone not on the roster (nothing stored)
 * and over an answer the member wrote themselves.
 */
export function submitBehalfAnswer(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<BehalfSaved>> {
  return useCase(deps, actor, answeringFor(data.meeting), async ({ snapshot, n, meeting }) => {
    const ref = typeof data.member === 'string' ? data.member : '';
    const member: Member | undefined = snapshot.group.value.members.find(
      (m) => m.ref === ref && choices(snapshot, n, actor).some((c) => c.ref === ref),
    );
    if (!member) {
      const stored = snapshot.group.value.members.find((m) => m.ref && m.ref === ref);
      if (stored && ownAnswer(snapshot, n, stored.userId))
        return refuse('behalfOwnAnswer', { name: stored.name });
      return refuse('behalfNotMember');
    }
    const fields = answerFields(data, n, { member: ref });
    if (!fields.ok) return fields;
    const before = answeredIn(snapshot, n).find((a) => a.userId === member.userId);
    const members = choices(snapshot, n, actor);
    if (before && isOlder(actor.clickedAt, before.actedAt))
      return ok({ ...view(snapshot, meeting.value), members, entered: before, newer: true });
    const entered: Answer = {
      meeting: n,
      userId: member.userId,
      name: member.name,
      fields: fields.value,
      ids: before?.ids ?? newItemIds(),
      updatedAt: deps.now().toISOString(),
      ...(actor.clickedAt ? { actedAt: actor.clickedAt } : {}),
      enteredBy: 'coordinator',
    };
    await deps.store.writePersonRow(snapshot, 'answers', entered, { answersTo: n });
    const answers = withPersonRow(snapshot.answers, 'answers', entered);
    return ok({ ...view({ ...snapshot, answers }, meeting.value), members, entered });
  });
}

/** The card verbs of answers typed in by the coordinator. */
export const behalfVerbs = declareVerbs({
  openBehalfForm: { who: 'coordinator', repeatable: true, run: openBehalfForm },
  submitBehalfAnswer: {
    who: 'coordinator',
    refreshes: 'meetingStatus',
    repeatable: true,
    run: submitBehalfAnswer,
  },
});
