/** When the bot reminds a group of a meeting, and which reminder is due at a given moment. */

/** 48 hours before: members who have not answered the invitation; 24 hours and 1 hour before: everyone. */
export type ReminderKind = 'rsvp48' | 'day24' | 'hour1';

const HOUR = 3600 * 1000;

/**
 * Each reminder is due from its moment until the next one's (the last until the meeting starts): a
 * reminder missed while the bot was down is sent late only while it still says something true and
 * useful, and a later one replaces it.
 */
const WINDOWS: { kind: ReminderKind; from: number; until: number }[] = [
  { kind: 'rsvp48', from: 48 * HOUR, until: 24 * HOUR },
  { kind: 'day24', from: 24 * HOUR, until: 1 * HOUR },
  { kind: 'hour1', from: 1 * HOUR, until: 0 },
];

/** The reminder due at `now` for a meeting starting at `start`, if any. */
export function dueReminder(start: Date, now: Date): ReminderKind | undefined {
  const left = start.getTime() - now.getTime();
  return WINDOWS.find((w) => left <= w.from && left > w.until)?.kind;
}

/** One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockIn(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = wallClockIn(timeZone).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(instant / 60000) * 60000) / 60000);
}

/** The instant a wall-clock date and time (YYYY-MM-DD, HH:MM) in `timeZone` happens. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, mi);
  let instant = wall - offsetMinutes(wall, timeZone) * 60000;
  instant = wall - offsetMinutes(instant, timeZone) * 60000;
  return new Date(instant);
}
