import { trace } from '@opentelemetry/api';
import type { Request, Response } from 'restify';

/** Query parameters whose values say nothing about anyone and may stay in telemetry. */
const KEPT = new Set(['lang', 'format', 'tab']);

/** What stands in telemetry for a redacted value. */
export const REDACTED = 'REDACTED';

/**
 * A request target (`/path?query`) with every query value replaced by REDACTED except the harmless
 * ones: signed links carry their token in the query (`?token=…`, `?download=…`), group and chat ids
 * name people's groups. The path is kept (it names the route; no token is ever in a path).
 */
export function redactedTarget(target: string): string {
  const at = target.indexOf('?');
  if (at < 0) return target;
  const query = target
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=')[0];
      return KEPT.has(name) ? pair : `${name}=${REDACTED}`;
    })
    .join('&');
  return `${target.slice(0, at)}?${query}`;
}

/**
 * A restify `pre` handler: before any route runs, the request's telemetry span (the one App
 * Service's Application Insights agent opened for it, through the OpenTelemetry API it registers
 * globally) gets its URL attributes — old and stable semantic conventions, which its exporter
 * turns into the request's `url` — with the query redacted. Without an agent there is no span and
 * nothing to do.
 */
export function redactRequestTelemetry(req: Request, _res: Response, next: () => void): void {
  const target = req.url ?? '';
  const span = trace.getActiveSpan();
  if (span && target.includes('?')) {
    const redacted = redactedTarget(target);
    const forwarded = req.headers['x-forwarded-proto'];
    const scheme = (Array.isArray(forwarded) ? forwarded[0] : forwarded) === 'https' ? 'https' : 'http';
    const url = `${scheme}://${req.headers.host ?? 'localhost'}${redacted}`;
    span.setAttributes({
      'http.target': redacted,
      'http.url': url,
      'url.full': url,
      'url.query': redacted.slice(redacted.indexOf('?') + 1),
    });
  }
  next();
}
