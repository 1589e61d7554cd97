import { newStemmer } from 'snowball-stemmers';
import { dan, eng } from 'stopword';
import type { Language } from '../domain/types';

const stemmers = { da: newStemmer('danish'), en: newStemmer('english') };
const stopWords = { da: new Set(dan), en: new Set(eng) };

/** The words of an answer that carry meaning, stemmed: "Varsl beboerne i god tid" → varsl, bebo, god, tid. */
export function stems(text: string, lang: Language): Set<string> {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !stopWords[lang].has(w));
  return new Set(words.map((w) => stemmers[lang].stem(w)));
}

/** Two answers say the same thing when they share at least two stems and 40 % of their stems (Dice). */
export function sameIdea(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared >= 2 && (2 * shared) / (a.size + b.size) >= 0.4;
}

/**
 * Stems that more than a fifth of the answers use ("beboerne" in housing) say nothing about which idea an
 * answer has: among twelve or more answers they are left out of the comparison.
 */
export function withoutCommonStems(sets: Set<string>[]): Set<string>[] {
  if (sets.length < 12) return sets;
  const df = new Map<string, number>();
  for (const set of sets) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  return sets.map((set) => new Set([...set].filter((s) => (df.get(s) ?? 0) <= sets.length / 5)));
}

/** Groups texts that say the same thing (linked directly or through another), in their given order. */
export function groupSimilar(texts: readonly string[], lang: Language): number[][] {
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const sets = withoutCommonStems(texts.map((t) => stems(t, lang)));
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) if (sameIdea(sets[i], sets[j])) parent[find(j)] = find(i);
  }
  const clusters = new Map<number, number[]>();
  texts.forEach((_, i) => clusters.set(find(i), [...(clusters.get(find(i)) ?? []), i]));
  return [...clusters.values()];
}
