import fc from 'fast-check';
import fixture from '../fixtures/across-groups.da.json';
import { groupSimilar } from '../../src/lib/similarity';
import { groupSimilarInSlices } from '../../src/lib/similar-ideas';

const fixtureTexts = fixture.groups.flatMap((g) => g.answers.map((a) => a.text));
const words = [...new Set(fixtureTexts.join(' ').split(/\s+/))];

describe('similar answers through an index of stems, in slices', () => {
  it('finds exactly the clusters of the pairwise comparison, for the fixture and for generated answers', async () => {
    expect(await groupSimilarInSlices(fixtureTexts, 'da')).toEqual(groupSimilar(fixtureTexts, 'da'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), { maxLength: 60 }),
        async (answers) => {
          const texts = answers.map((a) => a.join(' '));
          expect(await groupSimilarInSlices(texts, 'da')).toEqual(groupSimilar(texts, 'da'));
        },
      ),
      { seed: 20, numRuns: 150 },
    );
  });

  it('gives the event loop back while it works through thousands of answers', async () => {
    const texts = Array.from(
      { length: 3000 },
      (_, i) => `${fixtureTexts[i % fixtureTexts.length]} gruppe${i % 300}`,
    );
    let pauses = 0;
    const clusters = await groupSimilarInSlices(texts, 'da', async () => {
      pauses++;
      await new Promise((r) => setImmediate(r));
    });
    expect(clusters.flat().sort((a, b) => a - b)).toEqual(texts.map((_, i) => i));
    expect(pauses).toBeGreaterThan(0);
  });
});
