import { parsed, readText, type FieldErrors, type Parsed } from './input';
import { fieldCount, isFieldRequired, type MeetingNumber } from './themes';

/** The longest answer field, checked on the server. */
export const MAX_ANSWER_LENGTH = 500;

/** Reads an answer form (`a1`, `a2`, `a3`): trimmed, cleaned, required fields present, ≤ 500 characters. */
export function parseAnswer(data: Record<string, unknown>, n: MeetingNumber): Parsed<string[]> {
  const errors: FieldErrors = {};
  const fields = Array.from({ length: fieldCount(n) }, (_, i) =>
    readText(
      data,
      `a${i + 1}`,
      { required: isFieldRequired(n, i + 1), max: MAX_ANSWER_LENGTH, multiline: true },
      errors,
    ),
  );
  return parsed(fields, errors);
}
