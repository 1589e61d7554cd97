import type { Meeting } from '../domain/types';
import type { Actor, AppDeps } from './context';
import type { Outcome, Refusal } from './result';
import { changeMeeting } from './use-case';

/** The coordinator steps that post a card, and so can be taken again when Teams did not accept it. */
export type PostingStep = NonNullable<Meeting['unposted']>['step'];

/**
 * A step's card not confirmed this long after the step is taken as lost (the bot stopped between
 * the step and Teams' answer): the coordinator may take the step again.
 */
export const REPOST_AFTER_MS = 2 * 60_000;

/**
 * Why step `name` cannot be taken while a card is on its way: another step waits for its card
 * (`cardNotPosted`), or this one is being posted right now (`wrongStep`). Undefined when it can.
 */
export function pendingRefusal(m: Meeting, name: PostingStep, now: Date): Refusal | undefined {
  const pending = m.unposted;
  if (!pending) return undefined;
  if (pending.step !== name) return 'cardNotPosted';
  const lost = now.getTime() - Date.parse(pending.since) >= REPOST_AFTER_MS;
  return pending.failed || lost ? undefined : 'wrongStep';
}

/** Teams did not accept the card of a step: the coordinator may take the step again to post it. */
export function markUnposted(
  deps: AppDeps,
  actor: Actor,
  n: number,
  name: PostingStep,
): Promise<Outcome<Meeting>> {
  return changeMeeting(deps, actor, n, (m) => ({
    ...m,
    unposted: { step: name, since: deps.now().toISOString(), failed: true },
  }));
}

/**
 * Teams accepted the cards of a step: it is done; the conclusion card's id is kept, and the ids of
 * cards that show answers (`shown`) join the meeting's, so a deletion can replace them.
 */
export function markPosted(
  deps: AppDeps,
  actor: Actor,
  n: number,
  name: PostingStep,
  cards: Pick<Meeting, 'conclusionCardId'> & { shown?: string[] } = {},
): Promise<Outcome<Meeting>> {
  const { shown = [], ...ids } = cards;
  return changeMeeting(deps, actor, n, (m) => ({
    ...m,
    ...ids,
    answerCardIds: shown.length ? [...(m.answerCardIds ?? []), ...shown] : m.answerCardIds,
    unposted: m.unposted?.step === name ? undefined : m.unposted,
  }));
}
