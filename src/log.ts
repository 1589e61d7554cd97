import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from './config-schema';

/** A small structured logger: one JSON line per event (pino). Fields never carry what people wrote. */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function withErrors(fields: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(fields).map(([k, v]) => [
    k,
    v instanceof Error ? pino.stdSerializers.err(v) : v,
  ]);
  return Object.fromEntries(entries);
}

/** A logger that drops events below `level`; JSON lines on stderr, or on `destination` (tests). */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination(2)): Logger {
  const base = pino(
    { level, base: { service: 'erfaringsgruppe-bot' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination,
  );
  const emit =
    (at: 'debug' | 'info' | 'warn' | 'error') =>
    (event: string, fields: Record<string, unknown> = {}): void =>
      base[at]({ event, ...withErrors(fields) });
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
