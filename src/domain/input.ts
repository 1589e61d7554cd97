/** Reading untrusted card input: strings only, invisible characters removed, lengths enforced. */

/** The problems an input field can have; each is a message key in `src/i18n`. */
export type FieldProblem =
  | 'error.invalid'
  | 'error.required'
  | 'error.tooLong'
  | 'error.date'
  | 'error.datePast'
  | 'error.dateFar'
  | 'error.time'
  | 'error.endBeforeStart';

/** A problem with one input field, as an i18n key with its variables. */
export interface FieldError {
  key: FieldProblem;
  vars?: Record<string, string | number>;
}

/** Problems by input id. Empty when the input is fine. */
export type FieldErrors = Record<string, FieldError>;

/** What a parser returns: the clean value, or the problems by field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Characters that never show and only hide or disguise text: controls (but line breaks and tabs,
 * handled apart), format characters (bidi marks and overrides, U+061C, zero-width characters,
 * invisible operators, tags), every default-ignorable code point (soft hyphen, combining grapheme
 * joiner, Hangul fillers, Mongolian vowel separator, variation selectors, …) and lone surrogates.
 */
const INVISIBLE = /(?![\n\t])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}]/u;

/**
 * What stays of them inside an emoji, in texts people write (answers, invitations): a zero-width
 * joiner between two pictographs (👩🏽‍💻, ❤️‍🔥) and a variation selector right after an emoji
 * (❤️ rather than ❤). Tags go, so a subdivision flag shows as 🏴. Names and other one-line fields
 * keep none of them: there an emoji sequence shows as its parts, and no name can look like another.
 */
const IN_EMOJI =
  /(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Emoji})[\uFE0E\uFE0F]/u;

const INVISIBLE_OUTSIDE_EMOJI = new RegExp(`(?!${IN_EMOJI.source})${INVISIBLE.source}`, 'gu');
const INVISIBLE_ANYWHERE = new RegExp(INVISIBLE.source, 'gu');

/** Line breaks of every kind (CR LF, CR, NEL, the line and paragraph separators) as one "\n". */
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;

/**
 * Texts made only of characters that are never invisible: tab, newline, printable ASCII, Latin-1 but
 * the soft hyphen, Latin Extended-A and -B, the visible general punctuation (dashes, quotes, …) and
 * the currency signs. Most answers are; they skip the searches for invisible characters, which cost
 * tens of microseconds per answer field (none of these characters is one: test/unit/input.test.ts).
 */
export const PLAIN_TEXT = /^[\t\n\x20-\x7e\xa0-\xac\xae-\u024f\u2010-\u2027\u2030-\u205e\u20a0-\u20bf]*$/;

/** Removes invisible characters (keeping newlines when multiline, and emoji whole), normalises and trims. */
export function cleanText(raw: string, multiline: boolean): string {
  const unified = raw.replace(LINE_BREAK, '\n').normalize('NFC');
  const flat = multiline ? unified : unified.replace(/[\n\t]+/g, ' ');
  if (PLAIN_TEXT.test(flat)) return flat.trim();
  return flat.replace(multiline ? INVISIBLE_OUTSIDE_EMOJI : INVISIBLE_ANYWHERE, '').trim();
}

// The Braille blank shows nothing either: a name made of it would be an empty name.
const BLANK = /\u2800/g;

/** A person's or a group's name as stored: one line, nothing invisible in it (see INVISIBLE). */
export function cleanName(raw: string): string {
  return cleanText(raw, false).replace(BLANK, '').trim();
}

interface TextRule {
  required: boolean;
  max: number;
  multiline?: boolean;
}

/** Reads a text input; records a problem in `errors` and returns '' when it is not acceptable. */
export function readText(
  data: Record<string, unknown>,
  field: string,
  rule: TextRule,
  errors: FieldErrors,
): string {
  const raw = Object.prototype.hasOwnProperty.call(data, field) ? data[field] : undefined;
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    errors[field] = { key: 'error.invalid' };
    return '';
  }
  const text = rule.multiline ? cleanText(raw ?? '', true) : cleanName(raw ?? '');
  if (rule.required && text.length === 0) errors[field] = { key: 'error.required' };
  else if ([...text].length > rule.max) errors[field] = { key: 'error.tooLong', vars: { max: rule.max } };
  return text;
}

/** Reads a choice input that must be one of `allowed`; a missing optional choice gives `fallback`. */
export function readChoice<T extends string>(
  data: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  errors: FieldErrors,
  fallback?: T,
): T {
  const raw = Object.prototype.hasOwnProperty.call(data, field) ? data[field] : undefined;
  if ((raw === undefined || raw === '') && fallback !== undefined) return fallback;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  errors[field] = { key: raw === undefined || raw === '' ? 'error.required' : 'error.invalid' };
  return allowed[0];
}

/** Finishes a parse: the value when nothing was recorded in `errors`. */
export function parsed<T>(value: T, errors: FieldErrors): Parsed<T> {
  return Object.keys(errors).length === 0 ? { ok: true, value } : { ok: false, errors };
}
