import { writeFileSync } from 'node:fs';

/**
 * Preloaded with `--require` into the bot's process by the bench's memory run: samples the V8 heap
 * in use every 20 ms and writes its peak (MB) to BENCH_HEAP_FILE when the process exits.
 */
const file = process.env.BENCH_HEAP_FILE;
if (file) {
  let peak = 0;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().heapUsed));
  setInterval(sample, 20).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(file, String(Math.round(peak / 1024 / 1024)));
  });
}
