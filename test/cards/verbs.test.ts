import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isVerb, VERB_NAMES as VERBS } from '../../src/app';
import { isRepeatable as isIdempotent } from '../../src/bot/handlers';
import { cardGallery } from '../support/card-gallery';

const CARDS = path.join(__dirname, '..', '..', 'cards');

/** Every string under a key named `verb`, anywhere in a JSON value. */
function verbsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) verbsIn(v, found);
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === 'verb' && typeof v === 'string') found.add(v);
      else verbsIn(v, found);
    }
  return found;
}

/** A button whose verb the bot does not know would answer "unknown action" to whoever clicks it. */
describe('card verbs', () => {
  it('every verb written in a card template is registered', () => {
    const written = new Set<string>();
    for (const file of readdirSync(CARDS))
      verbsIn(JSON.parse(readFileSync(path.join(CARDS, file), 'utf8')), written);
    const literal = [...written].filter((v) => !v.startsWith('${'));
    expect(literal.length).toBeGreaterThan(10);
    expect(literal.filter((v) => !isVerb(v))).toEqual([]);
  });

  it('every verb in a rendered card (including those the card builders fill in) is registered', () => {
    const rendered = new Set<string>();
    for (const lang of ['da', 'en'] as const)
      for (const cards of Object.values(cardGallery(lang, false)))
        for (const { card } of cards) verbsIn(card, rendered);
    expect(rendered).toContain('reveal');
    expect(rendered).toContain('confirmDeleteMyData');
    expect([...rendered].filter((v) => !isVerb(v))).toEqual([]);
  });

  it('answers only registered verbs, and skips the claim only for harmless repeats', () => {
    expect(VERBS).toContain('submitAnswer');
    expect(isVerb('constructor')).toBe(false);
    expect(isVerb('toString')).toBe(false);
    expect(isIdempotent('submitAnswer')).toBe(true);
    expect(isIdempotent('startMeeting')).toBe(false);
    expect(isIdempotent('noSuchVerb')).toBe(false);
  });
});
