import type { Language } from '../domain/types';
import da from './da.json';
import en from './en.json';

/** Every key of the Danish catalog (the reference language), plural forms included. */
type CatalogKey = keyof typeof da;

/** The key of a message with `_one`/`_other` forms, named without the suffix (for `tp`). */
export type PluralKey = BaseOf<CatalogKey>;
type BaseOf<K> = K extends `${infer Base}_one` ? Base : K extends `${infer Base}_other` ? Base : never;

/** Every key `t` takes: a catalog key, or a plural key whose form `count` chooses. */
export type MessageKey = CatalogKey | PluralKey;

/** Template variables of a message. */
export type Vars = Record<string, string | number>;

const catalogs: Record<Language, Record<string, string>> = { da, en };

const pluralRules: Record<Language, Intl.PluralRules> = {
  da: new Intl.PluralRules('da-DK'),
  en: new Intl.PluralRules('en-GB'),
};

/** The `_one`/`_other` form of a plural key for `count` (Intl.PluralRules), when the key has plural forms. */
function pluralForm(lang: Language, key: string, count: Vars[string] | undefined): string | undefined {
  if (typeof count !== 'number') return undefined;
  const forms = catalogs[lang][`${key}_other`] !== undefined ? catalogs[lang] : catalogs.da;
  return forms[`${key}_${pluralRules[lang].select(count)}`] ?? forms[`${key}_other`];
}

/** The message `key` in `lang` with `{var}` placeholders filled; falls back to Danish. */
export function t(lang: Language, key: MessageKey, vars: Vars = {}): string {
  const template = catalogs[lang][key] ?? catalogs.da[key] ?? pluralForm(lang, key, vars.count) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/**
 * A message about a number of things, e.g. "1 stemme" / "2 stemmer": the key's `_one` or `_other`
 * form, chosen by `Intl.PluralRules` for `count` in `lang`, with `{count}` and `vars` filled in.
 */
export function tp(lang: Language, key: PluralKey, count: number, vars: Vars = {}): string {
  return t(lang, key, { ...vars, count });
}

/** The key of answer field `i` (1-based) of theme `n` (or its short name), when the theme has it. */
export function themeFieldKey(
  n: number,
  i: number,
  form: 'field' | 'short' = 'field',
): MessageKey | undefined {
  const key = `theme.${n}.${form}.${i}`;
  return Object.prototype.hasOwnProperty.call(catalogs.da, key) ? (key as MessageKey) : undefined;
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
