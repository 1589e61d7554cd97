import { parseAnswer } from '../domain/answer-input';
import { readText } from '../domain/input';
import { newItemIds } from '../domain/items';
import { canTake } from '../domain/meeting';
import type { Answer } from '../domain/types';
import { memberName } from '../domain/roles';
import type { Actor, AppDeps } from './context';
import { load, view, type MeetingView } from './meeting';
import { invalidForm, ok, refuse, transact, type Outcome } from './result';

/** The caller's own answer form for meeting n, with their last answer (member; while answers are open). */
export function answerForm(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
): Promise<Outcome<MeetingView & { mine?: Answer }>> {
  return transact(async () => {
    const loaded = await load(deps, actor, rawMeeting, 'member');
    if (!loaded.ok) return loaded;
    const { snapshot, n, meeting } = loaded.value;
    if (!meeting || meeting.value.status === 'planned' || meeting.value.status === 'invited')
      return refuse('meetingNotOpen', { n });
    if (!canTake('answer', meeting.value)) return refuse('answersLocked', { n });
    const mine = snapshot.answers.find((a) => a.meeting === n && a.userId === actor.userId);
    return ok({ ...view(snapshot, meeting.value), mine });
  });
}

/** How a refused answer's texts are shown again: cleaned, whatever their length. */
const ANY_TEXT = { required: false, max: Infinity, multiline: true };

/** Stores (or replaces) the caller's answer while answers are open. */
export function submitAnswer(
  deps: AppDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<MeetingView & { mine: Answer }>> {
  return transact(async () => {
    const loaded = await load(deps, actor, data.meeting, 'member');
    if (!loaded.ok) return loaded;
    const { snapshot, n, meeting } = loaded.value;
    if (!meeting || meeting.value.status === 'planned' || meeting.value.status === 'invited')
      return refuse('meetingNotOpen', { n });
    if (!canTake('answer', meeting.value)) return refuse('answersLocked', { n });
    const fields = parseAnswer(data, n);
    if (!fields.ok) {
      const values = [1, 2, 3].map((i) => readText(data, `a${i}`, ANY_TEXT, {}));
      return { ...invalidForm<MeetingView & { mine: Answer }>(fields.errors, values), detail: { n } };
    }
    const name = memberName(snapshot.group.value, actor);
    const before = snapshot.answers.find((a) => a.meeting === n && a.userId === actor.userId);
    const mine: Answer = {
      meeting: n,
      userId: actor.userId,
      name,
      fields: fields.value,
      ids: before?.ids ?? newItemIds(),
      updatedAt: deps.now().toISOString(),
    };
    await deps.store.putAnswer(actor.groupKey, mine);
    const answers = [
      ...snapshot.answers.filter((a) => !(a.meeting === n && a.userId === actor.userId)),
      mine,
    ];
    return ok({ ...view({ ...snapshot, answers }, meeting.value), mine });
  });
}
