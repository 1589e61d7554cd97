import type { AppDeps } from './context';

/** Re-delivery claims are kept this long (Teams re-delivers within minutes). */
export const ACTIVITY_CLAIM_DAYS = 7;
/** Reminder claims are kept until this many days after their meeting (then no reminder can be due). */
export const REMINDER_CLAIM_DAYS = 2;

const DAY = 24 * 3600 * 1000;

/** What one daily sweep deleted. */
export interface RetentionSweep {
  activities: number;
  reminders: number;
}

/**
 * The daily retention sweep: deletes re-delivery claims older than 7 days and reminder claims two
 * days after their meeting. The first instance to claim the day runs it (an insert-only claim per
 * day, like a reminder's), so with several instances it runs once; a day missed is caught up by the
 * next, since each sweep deletes everything old enough. Undefined when another instance has the day.
 */
export async function sweepRetention(deps: AppDeps): Promise<RetentionSweep | undefined> {
  const now = deps.now();
  const day = now.toISOString().slice(0, 10);
  if (!(await deps.store.claimDailyJob('retention', day, now.toISOString()))) return undefined;
  return deps.store.deleteOldClaims(
    new Date(now.getTime() - ACTIVITY_CLAIM_DAYS * DAY).toISOString(),
    new Date(now.getTime() - REMINDER_CLAIM_DAYS * DAY).toISOString().slice(0, 10),
  );
}
