const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Copies card data into a plain object, dropping prototype-polluting keys; non-objects become {}. */
export function cardData(raw: unknown): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!UNSAFE_KEYS.has(key)) data[key] = value;
  }
  return data;
}

/** The string values of a form's data (what the person typed), to show the form again. */
export function stringsOf(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
