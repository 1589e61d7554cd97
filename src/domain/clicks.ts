/**
 * The order of a person's clicks. Teams stamps every activity with the time it got it (`timestamp`,
 * UTC, from Teams' clock: the same for every instance of the bot and for a copy Teams sends again),
 * so "older" compares two of Teams' times, never a time of the bot's.
 */

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Teams' timestamp of an activity as a fixed-width UTC text (`…T09:00:00.1234567Z`) that sorts as
 * the times do; undefined when it is not one.
 */
export function clickTime(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = ISO.exec(raw);
  if (!match) return undefined;
  const [, seconds, fraction = '', zone] = match;
  if (zone === 'Z') {
    const checked = new Date(`${seconds}Z`);
    return Number.isNaN(checked.getTime()) ? undefined : `${seconds}.${fraction.padEnd(7, '0').slice(0, 7)}Z`;
  }
  const time = new Date(raw);
  return Number.isNaN(time.getTime()) ? undefined : `${time.toISOString().slice(0, 23)}0000Z`;
}

/** True when a click at `at` came before `than`; an unknown time orders nothing. */
export function isOlder(at: string | undefined, than: string | undefined): boolean {
  return !!at && !!than && at < than;
}
