import { parseAnswer } from '../domain/answer-input';
import { readText } from '../domain/input';
import { newItemIds } from '../domain/items';
import { canTake, hasStarted } from '../domain/meeting';
import type { MeetingNumber } from '../domain/themes';
import type { Answer, Meeting } from '../domain/types';
import { isOlder } from '../domain/clicks';
import { answeredIn, type Versioned } from '../domain/snapshot';
import { withPersonRow } from '../store/group-store';
import { memberName } from '../domain/roles';
import type { Actor, AppDeps } from './context';
import { enterMeeting, type Loaded, type Role } from './access';
import { view, type MeetingView } from './meeting-view';
import { invalidForm, ok, refuseIn, type Outcome, type Refused } from './result';
import { useCase, type Input, type Load } from './use-case';
import { declareVerbs } from './verb';

/** A group loaded while meeting n takes answers, with the actor's own last answer. */
export interface Answering extends Loaded {
  meeting: Versioned<Meeting>;
  before?: Answer;
}

/**
 * Loads the group for an answer to meeting n (a member's own, or one the coordinator types in for
 * a member): refused before the meeting starts and after the reveal.
 */
export const answering =
  (rawMeeting: unknown, role: Role = 'member'): Load<Answering> =>
  async (deps, actor) => {
    const loaded = await enterMeeting(deps, actor, rawMeeting, role);
    if (!loaded.ok) return loaded;
    const { snapshot, n, meeting } = loaded.value;
    const { language } = loaded;
    if (!meeting || !hasStarted(meeting.value)) return refuseIn(language, 'meetingNotOpen', { n });
    if (!canTake('answer', meeting.value)) return refuseIn(language, 'answersLocked', { n });
    const before = answeredIn(snapshot, n).find((a) => a.userId === actor.userId);
    return { ...loaded, value: { ...loaded.value, meeting, before } };
  };

/** The caller's own answer form for meeting n, with their last answer (member; while answers are open). */
export function openAnswerForm(
  deps: AppDeps,
  actor: Actor,
  input: Input,
): Promise<Outcome<MeetingView & { mine?: Answer }>> {
  return useCase(deps, actor, answering(input.meeting), ({ snapshot, meeting, before }) =>
    ok({ ...view(snapshot, meeting.value), mine: before }),
  );
}

/** How a refused answer's texts are shown again: cleaned, whatever their length. */
const ANY_TEXT = { required: false, max: Infinity, multiline: true };

/** The answer form's fields, or the refusal that shows the form again with its problems (`detail`: n and `more`). */
export function answerFields(
  data: Input,
  n: MeetingNumber,
  more: Record<string, string> = {},
): { ok: true; value: string[] } | Refused {
  const fields = parseAnswer(data, n);
  if (fields.ok) return fields;
  const values = [1, 2, 3].map((i) => readText(data, `a${i}`, ANY_TEXT, {}));
  return { ...(invalidForm(fields.errors, values) as Refused), detail: { n, ...more } };
}

/** A saved answer's view: `newer` when a newer click of the person's is stored (shown instead, nothing changed). */
export type AnswerView = MeetingView & { mine: Answer; newer?: boolean };

/**
 * Stores (or replaces) the caller's answer while answers are open: conditional on the row read, the
 * person's standing and the meeting's answer gate (the reveal closes it). A click older than the
 * stored answer's changes nothing: the stored answer is shown.
 */
export function submitAnswer(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<AnswerView>> {
  return useCase(deps, actor, answering(data.meeting), async ({ snapshot, n, meeting, before }) => {
    const fields = answerFields(data, n);
    if (!fields.ok) return fields;
    if (before && isOlder(actor.clickedAt, before.actedAt))
      return ok({ ...view(snapshot, meeting.value), mine: before, newer: true });
    const mine: Answer = {
      meeting: n,
      userId: actor.userId,
      name: memberName(snapshot.group.value, actor),
      fields: fields.value,
      ids: before?.ids ?? newItemIds(),
      updatedAt: deps.now().toISOString(),
      ...(actor.clickedAt ? { actedAt: actor.clickedAt } : {}),
    };
    await deps.store.writePersonRow(snapshot, 'answers', mine, { answersTo: n });
    const answers = withPersonRow(snapshot.answers, 'answers', mine);
    // Assigned, not spread: the view's items stay unpooled unless a card reads them.
    return ok(Object.assign(view({ ...snapshot, answers }, meeting.value), { mine }));
  });
}

/** The card verbs of answering a meeting. */
export const answerVerbs = declareVerbs({
  openAnswerForm: { who: 'member', repeatable: true, run: openAnswerForm },
  submitAnswer: { who: 'member', refreshes: 'meetingStatus', repeatable: true, run: submitAnswer },
});
