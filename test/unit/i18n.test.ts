import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, PHASES, REVEAL_MODES, ROLE_CATEGORIES, RSVP_RESPONSES } from '../../src/domain/types';
import { fillPlaceholders } from '../../src/cards/invitation-cards';
import { catalogKeys, languageOf, t, tp, type MessageKey } from '../../src/i18n';
import { formatDuration, formatWhen, rankedNote, votesNote } from '../../src/i18n/format';

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
      for (const key of catalogKeys(lang)) expect(t(lang, key as MessageKey).trim()).not.toBe('');
  });

  it('has every literal key the source code asks for', () => {
    const src = path.join(__dirname, '..', '..', 'src');
    const used = sourceFiles(src).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\btp?\(\s*[\w.]+\s*,\s*'([\w.]+)'/g)].map((m) => m[1]),
    );
    expect(used.length).toBeGreaterThan(40);
    const known = new Set(catalogKeys('da'));
    const plural = (k: string): boolean => known.has(`${k}_one`) && known.has(`${k}_other`);
    expect(used.filter((k) => !known.has(k) && !plural(k))).toEqual([]);
  });

  /** Placeholders that hold a number of things; `min`/`max` are fixed limits (all ≥ 2), not counts. */
  const COUNTS = ['count', 'total', 'votes', 'yes', 'maybe', 'no', 'minutes'];
  /** Words that may follow a count without agreeing with it: prepositions, verbs, "mere", the abbreviation "min". */
  const NOT_NOUNS = new Set([
    'af',
    'of',
    'har',
    'have',
    'kommer',
    'coming',
    'måske',
    'maybe',
    'kan',
    "can't",
    'min',
    'mere',
    'more',
  ]);

  it('sends every count that meets a noun through the plural rules, in both languages', () => {
    const offenders: string[] = [];
    for (const lang of LANGUAGES)
      for (const key of catalogKeys(lang)) {
        const text = t(lang, key as MessageKey);
        for (const m of text.matchAll(/\{(\w+)\} ([\p{L}']+)/gu)) {
          if (!COUNTS.includes(m[1]) || NOT_NOUNS.has(m[2].toLowerCase())) continue;
          if (!/_(one|other)$/.test(key)) offenders.push(`${lang} ${key}: {${m[1]}} ${m[2]}`);
        }
      }
    expect(offenders).toEqual([]);
    const pluralKeys = catalogKeys('da').filter((k) => /_(one|other)$/.test(k));
    expect(pluralKeys.length).toBeGreaterThan(10);
    for (const key of pluralKeys) {
      const base = key.replace(/_(one|other)$/, '');
      for (const lang of LANGUAGES)
        for (const form of ['one', 'other'])
          expect(t(lang, `${base}_${form}` as MessageKey)).not.toBe(`${base}_${form}`);
    }
  });

  it('chooses the singular for one and the plural otherwise (Intl.PluralRules)', () => {
    expect(tp('da', 'project.votes', 1)).toBe('1 stemme');
    expect(tp('da', 'project.votes', 2)).toBe('2 stemmer');
    expect(tp('en', 'project.votes', 1)).toBe('1 vote');
    expect(tp('en', 'project.votes', 2)).toBe('2 votes');
    expect(votesNote('da', 4)).toBe('valgt af 4');
    expect(rankedNote('da', 3, 1, 2)).toBe('Kunne gøre det bedre · valgt af 1');
    expect(rankedNote('en', 1, 2, 1)).toBe('chosen by 2');
    expect(t('da', 'refusal.tooFewMembers', { count: 1, min: 3 })).toContain('Gruppen har 1 medlem.');
    expect(t('en', 'refusal.tooFewMembers', { count: 2, min: 3 })).toContain('The group has 2 members.');
    expect(tp('da', 'myData.intro', 1)).toContain('fra én gruppe.');
    expect(formatDuration('da', 90)).toBe('1½ time');
    expect(formatDuration('da', 150)).toBe('2½ time');
    expect(formatDuration('da', 105)).toBe('1 time og 45 minutter');
    expect(formatDuration('da', 120)).toBe('2 timer');
    expect(formatDuration('en', 61)).toBe('1 hour and 1 minute');
    const m = { date: '2027-01-14', start: '13:00', end: '14:30' };
    expect(fillPlaceholders('en', '[date], [start]–[end], [length].', m)).toBe(
      'Thursday 14 January 2027, 13:00–14:30, 1½ hours.',
    );
    expect(fillPlaceholders('da', 'et møde [dato] kl. [start]–[slut]. Mødet varer [varighed].', m)).toBe(
      'et møde torsdag den 14. januar 2027 kl. 13.00–14.30. Mødet varer 1½ time.',
    );
  });

  it('has every key built from a domain value', () => {
    const known = new Set(catalogKeys('da'));
    const dynamic = [
      ...PHASES.map((p) => `phase.${p}`),
      ...REVEAL_MODES.map((r) => `revealMode.${r}`),
      ...LANGUAGES.map((l) => `language.${l}`),
      ...ROLE_CATEGORIES.flatMap((c) => [`role.${c}`, `roleShort.${c}`]),
      ...RSVP_RESPONSES.flatMap((r) => [`rsvp.${r}`, `rsvpList.${r}`]),
      ...[1, 2, 3, 4].flatMap((n) => [`theme.${n}.title`, `theme.${n}.about`, `guide.story.${n}`]),
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
