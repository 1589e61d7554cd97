import type { Meeting } from '../domain/types';
import type { Refusal } from './result';

/** The coordinator steps that post a card, and so can be taken again when Teams did not accept it. */
export type PostingStep = NonNullable<Meeting['unposted']>['step'];

/**
 * A step from before the durable outbox (its mark has no `attempt`) whose card is not confirmed
 * this long after it was taken is taken as lost: the coordinator may take the step again. A step
 * through the outbox is never lost: the outbox delivers it, also after a restart.
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
  const lost = pending.attempt === undefined && now.getTime() - Date.parse(pending.since) >= REPOST_AFTER_MS;
  return pending.failed || lost ? undefined : 'wrongStep';
}

/** The try of step `name` the coordinator takes now: the next after one Teams refused, else the first. */
export function attemptOf(m: Meeting, name: PostingStep): number {
  const pending = m.unposted;
  return pending?.step === name && pending.failed ? (pending.attempt ?? -1) + 1 : 0;
}
