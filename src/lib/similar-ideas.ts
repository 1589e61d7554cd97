import type { Language } from '../domain/types';
import { sameIdea, stems, withoutCommonStems } from './similarity';

/** Gives the event loop back for a moment (timers, I/O, other people's requests). */
export type Pause = () => Promise<void>;

const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve));

/** The longest stretch the comparison runs before it lets the event loop do other work. */
export const SLICE_MS = 5;

/**
 * The clusters of `groupSimilar` (the same answers in the same order), found without comparing
 * every pair and without holding the event loop: each answer is compared only with the earlier
 * answers that share a stem with it (an index from stem to answers), and every SLICE_MS the work
 * pauses so other requests are served in between.
 */
export async function groupSimilarInSlices(
  texts: readonly string[],
  lang: Language,
  pause: Pause = nextTurn,
): Promise<number[][]> {
  // The caller's own work (reading and parsing partitions) just ran: the first slice starts afresh.
  await pause();
  let sliceStarted = performance.now();
  const breathe = async (): Promise<void> => {
    if (performance.now() - sliceStarted < SLICE_MS) return;
    await pause();
    sliceStarted = performance.now();
  };
  const raw: Set<string>[] = [];
  for (const text of texts) {
    raw.push(stems(text, lang));
    await breathe();
  }
  const sets = withoutCommonStems(raw);
  await breathe();
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const answersWith = new Map<string, number[]>();
  for (let i = 0; i < sets.length; i++) {
    const candidates = new Map<number, number>();
    for (const stem of sets[i])
      for (const j of answersWith.get(stem) ?? []) candidates.set(j, (candidates.get(j) ?? 0) + 1);
    for (const [j, shared] of candidates)
      if (shared >= 2 && sameIdea(sets[j], sets[i])) parent[find(i)] = find(j);
    for (const stem of sets[i]) {
      const answers = answersWith.get(stem);
      if (answers) answers.push(i);
      else answersWith.set(stem, [i]);
    }
    await breathe();
  }
  const clusters = new Map<number, number[]>();
  texts.forEach((_, i) => {
    const root = find(i);
    const cluster = clusters.get(root);
    if (cluster) cluster.push(i);
    else clusters.set(root, [i]);
  });
  return [...clusters.values()];
}
