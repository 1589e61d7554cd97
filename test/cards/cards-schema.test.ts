import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cardGallery } from '../support/card-gallery';
import { adaptiveCardValidator, problems } from '../support/schemas';

const validate = adaptiveCardValidator();
const MAX_CARD_BYTES = 28 * 1024;

describe.each([
  ['da', false],
  ['en', false],
  ['da', true],
  ['en', true],
] as const)('cards in %s (longest content: %s)', (lang, longest) => {
  const gallery = cardGallery(lang, longest);

  it('renders every template in cards/', () => {
    const templates = readdirSync(path.join(__dirname, '..', '..', 'cards')).map((f) =>
      f.replace(/\.json$/, ''),
    );
    expect(Object.keys(gallery).sort()).toEqual(templates.sort());
  });

  const cases = Object.entries(gallery).flatMap(([name, cards]) =>
    cards.map((c, i) => [`${name} #${i + 1}`, c] as const),
  );
  it.each(cases)(
    '%s is a valid Adaptive Card 1.5 under 28 KB with no unbound template',
    (_name, rendered) => {
      const ok = validate(rendered.card);
      expect(problems(validate)).toEqual([]);
      expect(ok).toBe(true);
      const json = JSON.stringify(rendered.card);
      expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
      expect(json).not.toContain('${');
      expect(json).not.toMatch(/"\$(when|data)"/);
      expect(rendered.card.version).toBe('1.5');
      expect(rendered.summary.length).toBeGreaterThan(0);
    },
  );
});

describe('the Adaptive Card validator', () => {
  it('rejects what Teams would reject (so the checks above can fail)', () => {
    expect(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] })).toBe(false);
    expect(
      validate({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Input.Text', id: 'a', isMultiline: 'yes' }],
      }),
    ).toBe(false);
    expect(
      validate({ type: 'AdaptiveCard', version: '1.5', actions: [{ type: 'Action.Execute', title: 1 }] }),
    ).toBe(false);
  });
});
