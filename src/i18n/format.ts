import type { Language } from '../domain/types';
import { t, themeFieldKey } from './index';

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/** The two formatters a meeting date needs in a locale (building one is costly, so each is built once). */
function dateFormatsIn(locale: string): { weekday: Intl.DateTimeFormat; dayMonthYear: Intl.DateTimeFormat } {
  return {
    weekday: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
    dayMonthYear: new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
  };
}

const dateFormats: Record<Language, ReturnType<typeof dateFormatsIn>> = {
  da: dateFormatsIn('da-DK'),
  en: dateFormatsIn('en-GB'),
};

/** A meeting date as people write it: "torsdag den 14. januar 2027" / "Thursday 14 January 2027". */
export function formatDate(lang: Language, date: string): string {
  const d = utcDate(date);
  const weekday = dateFormats[lang].weekday.format(d);
  const dayMonthYear = dateFormats[lang].dayMonthYear.format(d);
  return lang === 'da' ? `${weekday} den ${dayMonthYear}` : `${weekday} ${dayMonthYear}`;
}

/** A clock time in the language's style: "13.00" in Danish, "13:00" in English. */
export function formatTime(lang: Language, time: string): string {
  return lang === 'da' ? time.replace(':', '.') : time;
}

/** Date and time span of a meeting, e.g. "torsdag den 14. januar 2027 kl. 13.00–15.00". */
export function formatWhen(lang: Language, date: string, start: string, end: string): string {
  const span = t(lang, 'date.time', { start: formatTime(lang, start), end: formatTime(lang, end) });
  return lang === 'da' ? `${formatDate(lang, date)} ${span}` : `${formatDate(lang, date)}, ${span}`;
}

/** A meeting's length in words: "2 timer", "2½ time", "1 time og 45 minutter" / "2 hours", "2½ hours". */
export function formatDuration(lang: Language, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = t(lang, 'duration.hours', { count: h });
  const mins = t(lang, 'duration.minutes', { count: m });
  if (h === 0) return mins;
  if (m === 30) return t(lang, 'duration.andAHalf', { hours: h });
  return m === 0 ? hours : t(lang, 'duration.both', { hours, minutes: mins });
}

/** How many chose an answer: "valgt af 4" / "chosen by 4". */
export function votesNote(lang: Language, votes: number): string {
  return t(lang, 'conclusion.votes', { count: votes });
}

/** How many chose an answer, with its question's short name when meeting n asks several: "Virker i dag · valgt af 4". */
export function rankedNote(lang: Language, n: number, votes: number, field?: number): string {
  const short = field ? questionShort(lang, n, field) : '';
  return short ? `${short} · ${votesNote(lang, votes)}` : votesNote(lang, votes);
}

/** The label of answer field `i` (1-based) of theme `n`, or '' when the theme has no such field. */
export function fieldQuestion(lang: Language, n: number, i: number): string {
  const key = themeFieldKey(n, i);
  return key ? t(lang, key) : '';
}

/**
 * The short name of question `i` of theme `n` that marks its answers where the questions' answers
 * meet ("Virker i dag", "Vi forventer"); '' for meeting 1, whose three pieces of advice answer one.
 */
export function questionShort(lang: Language, n: number, i: number): string {
  const key = themeFieldKey(n, i, 'short');
  return key ? t(lang, key) : '';
}
