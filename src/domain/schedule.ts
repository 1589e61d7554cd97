/** Dates and times of meetings: wall-clock values in the group's time zone, as typed. */
import type { FieldError } from './input';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** How far ahead a meeting or a project's deadline may be set (a signed link lives as long as its meeting). */
export const MAX_YEARS_AHEAD = 2;

/** The default length of a meeting, from the seed: "Mødet vil vare 2 timer". */
export const DEFAULT_MEETING_HOURS = 2;

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** The date `years` after a YYYY-MM-DD date (29 February moves to 1 March). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * What is wrong with the date of something still to come: not a date, already past, or more than
 * MAX_YEARS_AHEAD years after `today`; undefined when it is fine.
 */
export function futureDateProblem(date: string, today: string): FieldError | undefined {
  if (!isValidDate(date)) return { key: 'error.date' };
  if (date < today) return { key: 'error.datePast' };
  const last = addYears(today, MAX_YEARS_AHEAD);
  return date > last ? { key: 'error.dateFar', vars: { last } } : undefined;
}

/** True for a time of day written HH:MM (24-hour clock). */
export function isValidTime(s: string): boolean {
  return TIME.test(s);
}

/** Minutes since midnight of an HH:MM time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The time `hours` after `start`, kept within the same day (at most 23:59). */
export function addHours(start: string, hours: number): string {
  const total = Math.min(minutesOf(start) + hours * 60, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const calendarDays = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date): string {
  let format = calendarDays.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    calendarDays.set(timeZone, format);
  }
  return format.format(now);
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
