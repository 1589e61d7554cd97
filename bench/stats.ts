/** Latency figures of one kind of turn. */
export interface TurnStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  roundTrips: number;
  /** Of the round trips, the reads (GET: point reads and queries) and the writes (the rest, a $batch as one); when classified. */
  reads?: number;
  writes?: number;
  /** The bot's own turn time (ms, from the parsed body to its answer), when the bot's process timed it. */
  turnP50?: number;
  turnP99?: number;
}

/** The q-quantile (0–1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** One sent activity: the latency the driver saw, and what the bot's process counted of its turn. */
export interface TurnSample {
  ms: number;
  roundTrips: number;
  reads?: number;
  writes?: number;
  turnMs?: number;
}

/** p50/p95/p99 and mean latency (ms), mean storage round trips (reads, writes) and the bot's own turn time of samples. */
export function statsOf(samples: readonly TurnSample[]): TurnStats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const mean = (xs: number[]): number => round(sum(xs) / Math.max(1, xs.length));
  const known = (f: (s: TurnSample) => number | undefined): number[] =>
    samples.map(f).filter((v): v is number => v !== undefined);
  const reads = known((s) => s.reads);
  const writes = known((s) => s.writes);
  const turn = known((s) => s.turnMs).sort((a, b) => a - b);
  return {
    count: samples.length,
    p50: round(quantile(ms, 0.5)),
    p95: round(quantile(ms, 0.95)),
    p99: round(quantile(ms, 0.99)),
    mean: mean(ms),
    roundTrips: mean(samples.map((s) => s.roundTrips)),
    ...(reads.length && { reads: mean(reads), writes: mean(writes) }),
    ...(turn.length && { turnP50: round(quantile(turn, 0.5)), turnP99: round(quantile(turn, 0.99)) }),
  };
}

/** A horizontal bar chart (SVG) of p50 and p95 per turn type. */
export function latencyChart(stats: Record<string, TurnStats>, floor: TurnStats): string {
  const rows = [...Object.entries(stats), ['floor', floor] as const];
  const max = Math.max(...rows.map(([, s]) => s.p95), 1);
  const width = 900;
  const left = 170;
  const scale = (v: number): number => ((width - left - 170) * v) / max;
  const bars = rows
    .map(([name, s], i) => {
      const y = 30 + i * 22;
      return [
        `<text x="${left - 8}" y="${y + 12}" text-anchor="end" font-size="12">${name}</text>`,
        `<rect x="${left}" y="${y}" width="${scale(s.p95).toFixed(1)}" height="16" fill="#9cc5b5"/>`,
        `<rect x="${left}" y="${y + 4}" width="${scale(s.p50).toFixed(1)}" height="8" fill="#1e6b52"/>`,
        `<text x="${left + scale(s.p95) + 6}" y="${y + 12}" font-size="11">${s.p50} / ${s.p95} ms</text>`,
      ].join('');
    })
    .join('\n');
  const height = 50 + rows.length * 22;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="10" y="18" font-size="14" font-weight="bold">Latency per turn type (p50 dark, p95 light), ms</text>
${bars}
</svg>
`;
}
