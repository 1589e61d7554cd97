/** The four themes of the method, one per meeting, in order. */
export const MEETING_NUMBERS = [1, 2, 3, 4] as const;

/** The number of a meeting (and of its theme). */
export type MeetingNumber = (typeof MEETING_NUMBERS)[number];

/** True when n is the number of one of the four meetings. */
export function isMeetingNumber(n: unknown): n is MeetingNumber {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MEETING_NUMBERS.length;
}

/** Reads a meeting number from card data or a command: a whole number 1–4, as number or digit string. */
export function readMeetingNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'string' && /^\d$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  return isMeetingNumber(n) ? n : undefined;
}

/** The i18n key of a theme's introduction, e.g. `theme.1.intro`. */
export function themeIntroKey(n: MeetingNumber): `theme.${MeetingNumber}.intro` {
  return `theme.${n}.intro`;
}

/** The i18n key of a theme's title, e.g. `theme.1.title`. */
export function themeTitleKey(n: MeetingNumber): `theme.${MeetingNumber}.title` {
  return `theme.${n}.title`;
}

/**
 * How many answer fields a theme asks for: three pieces of advice (meeting 1); what I contribute,
 * what the others contribute and what we want more of (meeting 2); two questions (meetings 3 and 4).
 */
export function fieldCount(n: MeetingNumber): number {
  return n <= 2 ? 3 : 2;
}

/**
 * Whether answer field i (1-based) must be filled in: only the first (the method is loosely
 * committed: "Skriv gerne tre – men et eller to er også fint").
 */
export function isFieldRequired(_n: MeetingNumber, field: number): boolean {
  return field === 1;
}

/** The question an answer field answers: meeting 1's three pieces of advice answer one question. */
export function questionOf(n: number, field: number): number {
  return n === 1 ? 1 : field;
}

/**
 * The questions whose answers the group chooses among, in order. Meeting 2 chooses only among what
 * we want more of: the group never ranks a colleague's strength (what I, or the others, do well).
 */
export function choosableQuestions(n: number): number[] {
  if (n === 1) return [1];
  return n === 2 ? [3] : [1, 2];
}

/** True when the group chooses among the answers to field `field` of meeting n. */
export function isChoosable(n: number, field: number): boolean {
  return choosableQuestions(n).includes(questionOf(n, field));
}
