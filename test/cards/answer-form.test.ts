import { answerFormCard } from '../../src/cards/answer-form-card';
import type { AdaptiveCard } from '../../src/cards/render';

/** The answer fields a form shows: id → the text in it. */
function fieldValues(card: AdaptiveCard): Record<string, unknown> {
  const body = card.body as AdaptiveCard[];
  const inputs = body.flatMap((e) => (e.items as AdaptiveCard[] | undefined) ?? []);
  return Object.fromEntries(inputs.filter((i) => i.type === 'Input.Text').map((i) => [i.id, i.value]));
}

/**
 * Every answer's reply is the answer form with the person's own answers; the form without problems
 * is bound once per language, meeting and notice, so these check that each reply still shows
 * exactly its own answers and is the card binding would give.
 */
describe('the answer form sent back after an answer', () => {
  const tricky = ['${title}', '123', 'true'];
  const texts = ['  ', 'linje\nskift 😀 "citat" \\ <b>fed</b>', 'æøå'.repeat(160)];

  it('shows each person their own answers, never those of a reply before', () => {
    const first = answerFormCard('da', 1, {
      values: ['Råd fra Jens', 'Andet råd', 'Tredje'],
      notice: 'Gemt',
    });
    const second = answerFormCard('da', 1, { values: ['Kun ét råd fra Mette'], notice: 'Gemt' });
    const empty = answerFormCard('da', 1, { notice: 'Gemt' });
    expect(fieldValues(first.card)).toEqual({ a1: 'Råd fra Jens', a2: 'Andet råd', a3: 'Tredje' });
    expect(fieldValues(second.card)).toEqual({ a1: 'Kun ét råd fra Mette', a2: '', a3: '' });
    expect(fieldValues(empty.card)).toEqual({ a1: '', a2: '', a3: '' });
  });

  it('shows answers exactly as written, never as numbers, booleans or template expressions', () => {
    expect(fieldValues(answerFormCard('en', 3, { values: tricky }).card)).toEqual({
      a1: '${title}',
      a2: '123',
    });
    expect(fieldValues(answerFormCard('da', 1, { values: texts }).card)).toEqual({
      a1: texts[0],
      a2: texts[1],
      a3: texts[2],
    });
  });

  it.each([
    ['da', 1, 'Gemt', ['Råd 1', '', 'Råd 3']],
    ['en', 2, undefined, ['More of this', 'Less of that']],
    ['da', 3, 'Your newer answer stands', tricky],
    ['en', 4, '${notice}', texts],
  ] as const)('is the card binding gives (%s, meeting %i, notice %s)', (lang, n, notice, values) => {
    // A form with an (empty) problem list is bound from its template every time.
    const bound = answerFormCard(lang, n, { values: [...values], notice, errors: {} });
    expect(answerFormCard(lang, n, { values: [...values], notice })).toEqual(bound);
    expect(answerFormCard(lang, n, { values: [...values], notice })).toEqual(bound);
  });
});
