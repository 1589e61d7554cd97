import { Writable } from 'node:stream';
import type { LogLevel } from '../../src/config-schema';
import { createLogger, type Logger } from '../../src/log';

/** A logger at `level` whose JSON lines a test can read back (`lines`, one entry per line). */
export function capturedLog(level: LogLevel): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}
