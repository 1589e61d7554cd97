import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Preloaded with `--require` into the bot's process by the bench's memory run: samples
 * `process.memoryUsage()` every 20 ms and, when the process exits, writes to BENCH_HEAP_FILE the
 * peak V8 heap in use and what the RSS was made of at its peak sample (MB, as JSON).
 */
const file = process.env.BENCH_HEAP_FILE;
if (file) {
  const mb = (n: number): number => Math.round(n / 1024 / 1024);
  let peakHeap = 0;
  let atPeakRss = process.memoryUsage();
  let spaces: Record<string, number> = {};
  const sample = (): void => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    if (now.rss <= atPeakRss.rss) return;
    atPeakRss = now;
    spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
  };
  setInterval(sample, 20).unref();
  process.on('exit', () => {
    sample();
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = atPeakRss;
    const atPeak = {
      rss: mb(rss),
      heapTotal: mb(heapTotal),
      heapUsed: mb(heapUsed),
      external: mb(external),
      arrayBuffers: mb(arrayBuffers),
      spaces,
    };
    writeFileSync(file, JSON.stringify({ peakHeapMb: mb(peakHeap), atPeakRss: atPeak }));
  });
}
