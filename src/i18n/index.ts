import type { Language } from '../domain/types';
import da from './da.json';
import en from './en.json';

/** Every string key; Danish is the reference language. */
export type MessageKey = keyof typeof da;

/** Template variables of a message. */
export type Vars = Record<string, string | number>;

const catalogs: Record<Language, Record<string, string>> = { da, en };

/** The message `key` in `lang` with `{var}` placeholders filled; falls back to Danish. */
export function t(lang: Language, key: MessageKey | string, vars: Vars = {}): string {
  const template = catalogs[lang][key] ?? catalogs.da[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** The keys of each catalog (for the completeness test). */
export function catalogKeys(lang: Language): string[] {
  return Object.keys(catalogs[lang]);
}

/** The product language for a Teams locale such as "da-DK" or "en-US", or the default. */
export function languageOf(locale: string | undefined, fallback: Language): Language {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('da')) return 'da';
  if (l.startsWith('en')) return 'en';
  return fallback;
}
