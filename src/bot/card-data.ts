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
