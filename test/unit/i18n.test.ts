import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, PHASES, REVEAL_MODES, ROLE_CATEGORIES, RSVP_RESPONSES } from '../../src/domain/types';
import { catalogKeys, languageOf, t } from '../../src/i18n';
import { formatWhen } from '../../src/i18n/format';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('i18n', () => {
  it('has exactly the same keys in Danish and English, none of them empty', () => {
    expect(catalogKeys('en').sort()).toEqual(catalogKeys('da').sort());
    for (const lang of LANGUAGES)
      for (const key of catalogKeys(lang)) expect(t(lang, key).trim()).not.toBe('');
  });

  it('has every literal key the source code asks for', () => {
    const src = path.join(__dirname, '..', '..', 'src');
    const used = sourceFiles(src).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*[\w.]+\s*,\s*'([\w.]+)'/g)].map((m) => m[1]),
    );
    expect(used.length).toBeGreaterThan(40);
    const known = new Set(catalogKeys('da'));
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });

  it('has every key built from a domain value', () => {
    const known = new Set(catalogKeys('da'));
    const dynamic = [
      ...PHASES.map((p) => `phase.${p}`),
      ...REVEAL_MODES.map((r) => `revealMode.${r}`),
      ...LANGUAGES.map((l) => `language.${l}`),
      ...ROLE_CATEGORIES.flatMap((c) => [`role.${c}`, `roleShort.${c}`]),
      ...RSVP_RESPONSES.map((r) => `rsvp.${r}`),
      ...[1, 2, 3, 4].map((n) => `theme.${n}.title`),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `setup.question.${n}`),
      ...['tooFew', 'noPhysical', 'noSocial', 'noBetween'].map((w) => `composition.${w}`),
    ];
    expect(dynamic.filter((k) => !known.has(k))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('da', 'group.members', { count: 4, max: 6 })).toBe('Medlemmer (4 af 6)');
    expect(t('en', 'group.members', { count: 4 })).toBe('Members (4 of {max})');
  });

  it('writes meeting times the Danish way and the English way', () => {
    expect(formatWhen('da', '2027-01-14', '13:00', '15:00')).toBe(
      'torsdag den 14. januar 2027 kl. 13.00–15.00',
    );
    expect(formatWhen('en', '2027-01-14', '13:00', '15:00')).toBe('Thursday 14 January 2027, 13:00–15:00');
  });

  it('maps Teams locales to the product languages', () => {
    expect(languageOf('da-DK', 'en')).toBe('da');
    expect(languageOf('en-GB', 'da')).toBe('en');
    expect(languageOf('de-DE', 'da')).toBe('da');
    expect(languageOf(undefined, 'en')).toBe('en');
  });
});
