import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isVerb, VERB_NAMES, VERBS } from '../../src/app';
import { MAX_ANSWER_LENGTH } from '../../src/domain/answer-input';
import { MAX_NAME_LENGTH } from '../../src/domain/group-input';
import { isRepeatable } from '../../src/bot/handlers';
import { cardGallery } from '../support/card-gallery';

const CARDS = path.join(__dirname, '..', '..', 'cards');
const templates = readdirSync(CARDS).map((file) => ({
  file,
  json: JSON.parse(readFileSync(path.join(CARDS, file), 'utf8')) as unknown,
}));

/** Every object anywhere in a JSON value. */
function objectsIn(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objectsIn(v, found);
  else if (value && typeof value === 'object') {
    found.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objectsIn(v, found);
  }
  return found;
}

const rendered = (['da', 'en'] as const).flatMap((lang) =>
  Object.values(cardGallery(lang, false)).flatMap((cards) => cards.map((c) => c.card)),
);

/** A button whose verb the bot does not know would answer "unknown action" to whoever clicks it. */
describe('card verbs', () => {
  it('are never written in a template: every button comes from the one builder (cards/actions.ts)', () => {
    const written = templates.flatMap(({ file, json }) =>
      objectsIn(json)
        .filter((o) => 'verb' in o || o.type === 'Action.Execute')
        .map(() => file),
    );
    expect(written).toEqual([]);
  });

  it('in every rendered card are registered, with the verb repeated in the data for Action.Submit', () => {
    const buttons = rendered.flatMap((card) => objectsIn(card).filter((o) => o.type === 'Action.Execute'));
    const verbs = new Set(buttons.map((b) => b.verb));
    expect(verbs).toContain('reveal');
    expect(verbs).toContain('confirmDeleteMyData');
    expect(verbs.size).toBeGreaterThan(15);
    for (const b of buttons) {
      expect(isVerb(b.verb)).toBe(true);
      expect((b.data as Record<string, unknown>).verb).toBe(b.verb);
    }
  });

  it('are answered by a use case of the same name, and skip the claim only for harmless repeats', () => {
    for (const verb of VERB_NAMES) expect(VERBS[verb].run.name).toBe(verb);
    expect(isVerb('constructor')).toBe(false);
    expect(isVerb('toString')).toBe(false);
    expect(isRepeatable('submitAnswer')).toBe(true);
    expect(isRepeatable('startMeeting')).toBe(false);
    expect(isRepeatable('noSuchVerb')).toBe(false);
  });
});

describe('input limits', () => {
  it('reach the templates from the domain: no template writes a length of its own', () => {
    const literal = templates.flatMap(({ file, json }) =>
      objectsIn(json)
        .filter((o) => 'maxLength' in o && typeof o.maxLength !== 'string')
        .map(() => file),
    );
    expect(literal).toEqual([]);
    const inputs = rendered.flatMap((card) => objectsIn(card).filter((o) => o.type === 'Input.Text'));
    const limits = new Map(inputs.map((i) => [i.id, i.maxLength]));
    expect(limits.get('a1')).toBe(MAX_ANSWER_LENGTH);
    expect(limits.get('roleTitle')).toBe(MAX_NAME_LENGTH);
    expect(inputs.every((i) => i.maxLength === undefined || typeof i.maxLength === 'number')).toBe(true);
  });
});
