/** Latency figures of one kind of turn. */
export interface TurnStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  roundTrips: number;
}

/** The q-quantile (0–1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** p50/p95/p99 and mean latency (ms) and mean storage round trips of samples. */
export function statsOf(samples: readonly { ms: number; roundTrips: number }[]): TurnStats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    p50: round(quantile(ms, 0.5)),
    p95: round(quantile(ms, 0.95)),
    p99: round(quantile(ms, 0.99)),
    mean: round(sum(ms) / Math.max(1, ms.length)),
    roundTrips: round(sum(samples.map((s) => s.roundTrips)) / Math.max(1, samples.length)),
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
