/** Teams' per-bot, per-conversation limits: at most `count` sends in any `windowMs`. */
export const TEAMS_CONVERSATION_LIMITS: readonly { windowMs: number; count: number }[] = [
  { windowMs: 1_000, count: 7 },
  { windowMs: 2_000, count: 8 },
  { windowMs: 30_000, count: 60 },
  { windowMs: 3_600_000, count: 1_800 },
];

/**
 * Extra room on every window: Teams counts when a send arrives, we count when it leaves, and
 * network latency varies between the two.
 */
export const SAFETY_MARGIN_MS = 200;

/** How long to wait from `now` before one more send fits within every window, given earlier send times. */
export function delayBeforeNextSend(
  sentAt: readonly number[],
  now: number,
  limits: readonly { windowMs: number; count: number }[] = TEAMS_CONVERSATION_LIMITS,
  marginMs = SAFETY_MARGIN_MS,
): number {
  let wait = 0;
  for (const { windowMs, count } of limits) {
    const span = windowMs + marginMs;
    const inWindow = sentAt.filter((t) => t > now - span);
    if (inWindow.length >= count) {
      const oldestThatMustExpire = inWindow[inWindow.length - count];
      wait = Math.max(wait, oldestThatMustExpire + span - now);
    }
  }
  return wait;
}

/** Drops send times older than the longest window. */
export function pruneSendTimes(sentAt: number[], now: number, longestWindowMs = 3_600_000): number[] {
  return sentAt.filter((t) => t > now - longestWindowMs);
}

/**
 * Teams' limit per app per tenant: 30 requests/s in some revisions of rate-limit.md, 50 in others.
 * The bot stays well under the lower one, whatever sends (replies, card updates, reminders, fan-out).
 */
export const TEAMS_TENANT_LIMITS: readonly { windowMs: number; count: number }[] = [
  { windowMs: 1_000, count: 25 },
];
