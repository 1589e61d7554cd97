/** Reading untrusted card input: strings only, control characters removed, lengths enforced. */

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

// Control characters and bidirectional overrides: never meaningful in a card, sometimes harmful.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control characters (keeping newlines when multiline), normalises and trims. */
export function cleanText(raw: string, multiline: boolean): string {
  const unified = raw.replace(/\r\n?/g, '\n').normalize('NFC');
  const flat = multiline ? unified : unified.replace(/[\n\t]+/g, ' ');
  return flat.replace(CONTROL, '').trim();
}

// Zero-width characters: invisible in a name, and a way to make two names look alike.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** A person's or a group's name as stored: one line, no control, bidi or zero-width characters. */
export function cleanName(raw: string): string {
  return cleanText(raw, false).replace(ZERO_WIDTH, '').trim();
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
