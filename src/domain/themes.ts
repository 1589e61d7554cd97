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

/** How many answer fields a theme asks for: three pieces of advice, or two questions. */
export function fieldCount(n: MeetingNumber): number {
  return n === 1 ? 3 : 2;
}

/** Whether answer field i (1-based) must be filled in: all three pieces of advice; the first question. */
export function isFieldRequired(n: MeetingNumber, field: number): boolean {
  return n === 1 || field === 1;
}
