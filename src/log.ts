import type { LogLevel } from './config';

/** A small structured logger: one JSON line per event on stderr. */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function describe(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

/** A logger that drops events below `level`. */
export function createLogger(level: LogLevel): Logger {
  const emit =
    (at: Exclude<LogLevel, 'silent'>) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      if (ORDER[at] < ORDER[level]) return;
      const entries = Object.entries(fields).map(([k, v]) => [k, describe(v)]);
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: at, event, ...Object.fromEntries(entries) })}\n`,
      );
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
