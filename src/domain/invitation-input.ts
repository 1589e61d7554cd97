import { parsed, readText, type FieldErrors, type Parsed } from './input';
import {
  addDays,
  addHours,
  DEFAULT_MEETING_HOURS,
  futureDateProblem,
  isValidTime,
  minutesOf,
} from './schedule';

/** Longest accepted place/link and invitation text. */
export const MAX_LOCATION_LENGTH = 300;
export const MAX_INVITATION_LENGTH = 2000;

/** The invitation editor's inputs, cleaned. */
export interface InvitationInput {
  date: string;
  start: string;
  end: string;
  location: string;
  text: string;
}

/** The invitation editor's values; `text` is undefined when the template should be used. */
export type InvitationValues = Omit<InvitationInput, 'text'> & { text?: string };

/** Default start of a new meeting. */
export const DEFAULT_START = '13:00';

/** How many days after a meeting the next one is proposed: about four weeks, as the method spaces them. */
export const DAYS_BETWEEN_MEETINGS = 28;

/**
 * The editor's values: the saved invitation's; for a new one after meeting n, about four weeks
 * after it with its times and place (two weeks from `today` if that has passed); else two weeks
 * from `today` at 13:00 for the method's two hours.
 */
export function draftValues(
  saved: InvitationInput | undefined,
  today: string,
  previous?: Partial<InvitationInput>,
): InvitationValues {
  const after = previous?.date ? addDays(previous.date, DAYS_BETWEEN_MEETINGS) : undefined;
  const base = saved ?? (previous?.date ? previous : undefined);
  const start = base?.start ?? DEFAULT_START;
  return {
    date: saved?.date ?? (after && after > today ? after : addDays(today, 14)),
    start,
    end: base?.end ?? addHours(start, DEFAULT_MEETING_HOURS),
    location: base?.location ?? '',
    text: saved?.text,
  };
}

/** A clock time as people type it ("13.00", "9:30") in the HH:MM form the card's time input uses. */
function normaliseTime(s: string): string {
  const m = /^(\d{1,2})[.:](\d{2})$/.exec(s);
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : s;
}

/** Reads the invitation editor; `today` (YYYY-MM-DD in the group's time zone) rules out past and far dates. */
export function parseInvitation(data: Record<string, unknown>, today: string): Parsed<InvitationInput> {
  const errors: FieldErrors = {};
  const value: InvitationInput = {
    date: readText(data, 'date', { required: true, max: 10 }, errors),
    start: normaliseTime(readText(data, 'start', { required: true, max: 5 }, errors)),
    end: normaliseTime(readText(data, 'end', { required: true, max: 5 }, errors)),
    location: readText(data, 'location', { required: true, max: MAX_LOCATION_LENGTH }, errors),
    text: readText(data, 'text', { required: true, max: MAX_INVITATION_LENGTH, multiline: true }, errors),
  };
  const dateProblem = errors.date ? undefined : futureDateProblem(value.date, today);
  if (dateProblem) errors.date = dateProblem;
  if (!errors.start && !isValidTime(value.start)) errors.start = { key: 'error.time' };
  if (!errors.end && !isValidTime(value.end)) errors.end = { key: 'error.time' };
  if (!errors.start && !errors.end && minutesOf(value.end) <= minutesOf(value.start)) {
    errors.end = { key: 'error.endBeforeStart' };
  }
  return parsed(value, errors);
}
