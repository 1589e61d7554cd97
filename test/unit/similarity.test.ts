import fixture from '../fixtures/across-groups.da.json';
import { groupSimilar, stems } from '../../src/lib/similarity';

const answers = fixture.groups.flatMap((g) => g.answers.map((a) => ({ ...a, group: g.name })));

describe('Danish text similarity (stop words, Snowball stems)', () => {
  it('reduces an answer to the stems that carry its meaning', () => {
    expect([...stems('Varsl beboerne i god tid, før håndværkerne kommer.', 'da')]).toEqual(
      expect.arrayContaining(['varsl', 'bebo', 'håndværk']),
    );
    expect(stems('og i de er som', 'da').size).toBe(0);
  });

  it("groups the fixture's 36 answers from 4 groups as a person would", () => {
    const clusters = groupSimilar(
      answers.map((a) => a.text),
      'da',
    );
    const clusterOf = (i: number): number[] => clusters.find((c) => c.includes(i))!;
    const expected = new Map<string, number[]>();
    answers.forEach((a, i) => a.same && expected.set(a.same, [...(expected.get(a.same) ?? []), i]));
    for (const [idea, members] of expected) {
      expect({ idea, cluster: [...clusterOf(members[0])].sort((x, y) => x - y) }).toEqual({
        idea,
        cluster: members,
      });
    }
    answers.forEach((a, i) => {
      if (!a.same)
        expect({ text: a.text, cluster: clusterOf(i).map((j) => answers[j].text) }).toEqual({
          text: a.text,
          cluster: [a.text],
        });
    });
    expect(answers.length).toBeGreaterThanOrEqual(30);
  });
});
