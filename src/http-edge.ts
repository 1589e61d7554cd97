import restify, { type Next, type Request, type RequestHandler, type Response, type Server } from 'restify';
import type { Logger } from './log';

/** The most /api/messages reads from the socket; Teams activities are far smaller. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** What a client is told for each status: never more than this, whatever went wrong. */
const GENERIC: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  408: 'request timeout',
  413: 'payload too large',
  415: 'unsupported media type',
  503: 'unavailable',
};

/** The body of an error answer: one generic phrase per status. */
export function genericError(status: number): { error: string } {
  return { error: GENERIC[status] ?? (status >= 500 ? 'internal error' : 'bad request') };
}

/** How long a refused client whose body is still coming has to read the answer before it is cut off. */
const GRACE_MS = 1000;

/**
 * Answers with a generic error and logs the reason as one structured line (no stack for a client's
 * mistake). A body still on its way is not read any further (Node would read it to the end to keep
 * the connection): the answer says `Connection: close`, and the socket, no longer read, is closed
 * a moment after the answer is out, so the client can read it before the connection goes.
 */
function refuse(
  log: Logger,
  req: Request,
  res: Response,
  [status, reason]: [number, string],
  level: 'info' | 'warn' = 'info',
): void {
  log[level]('http.refused', { status, reason, method: req.method, path: req.getPath() });
  const socket = req.socket;
  req.pause();
  req._read = () => undefined;
  socket.pause();
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), GRACE_MS).unref();
  };
  res.setHeader('Connection', 'close');
  res.json(status, genericError(status));
}

/**
 * Refuses what /api/messages would not parse before reading a byte of it: anything but
 * application/json (415), any Content-Encoding (415), a declared length over the limit (413) and,
 * in production, a request without an Authorization header (401).
 */
export function activityGate(log: Logger, requireAuthorization: boolean): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const length = Number(req.headers['content-length'] ?? 0);
    const problem: [number, string] | undefined =
      requireAuthorization && !req.headers.authorization
        ? [401, 'no authorization header']
        : type !== 'application/json'
          ? [415, `content-type ${type || 'missing'}`]
          : req.headers['content-encoding'] !== undefined
            ? [415, `content-encoding ${req.headers['content-encoding']}`]
            : length > MAX_ACTIVITY_BYTES
              ? [413, `content-length ${length}`]
              : undefined;
    if (!problem) return next();
    refuse(log, req, res, problem);
    return next(false);
  };
}

/** The body's bytes, written into one buffer that grows by doubling (never past the limit). */
class BodyBuffer {
  private bytes: Buffer;
  size = 0;

  constructor(
    initial: number,
    private readonly limit: number,
  ) {
    this.bytes = Buffer.allocUnsafe(Math.max(1, Math.min(initial, limit)));
  }

  /** Copies a chunk in; false when the body would pass the limit (nothing is kept of the chunk). */
  add(chunk: Buffer): boolean {
    const needed = this.size + chunk.length;
    if (needed > this.limit) return false;
    if (needed > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.min(this.limit, Math.max(needed, this.bytes.length * 2)));
      this.bytes.copy(bigger, 0, 0, this.size);
      this.bytes = bigger;
    }
    chunk.copy(this.bytes, this.size);
    this.size = needed;
    return true;
  }

  /** The body as text; the buffer is let go. */
  text(): string {
    const text = this.bytes.toString('utf8', 0, this.size);
    this.bytes = Buffer.alloc(0);
    return text;
  }
}

/** How many pieces a body may arrive in: a Teams activity comes in a few; a trickle of bytes is refused. */
export const MAX_BODY_CHUNKS = 4096;
/** How long a body may take to arrive once its headers are in. */
export const BODY_TIMEOUT_MS = 5_000;
/** The buffer a body without a declared length starts with (it doubles as needed). */
const INITIAL_BODY_BYTES = 16 * 1024;

/**
 * Reads the body into one buffer in memory, never past `limit` bytes, in at most MAX_BODY_CHUNKS
 * pieces and within `timeoutMs`: a body over the limit is answered 413, one in too many pieces
 * 400, one that does not arrive in time 408, and the connection is closed. Its memory is the
 * buffer alone, whatever the chunking (no list of chunks), and nothing ever goes to disk.
 */
export function limitedBodyReader(log: Logger, limit: number, timeoutMs = BODY_TIMEOUT_MS): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const declared = Number(req.headers['content-length']);
    const body = new BodyBuffer(
      Number.isSafeInteger(declared) && declared >= 0 ? declared : INITIAL_BODY_BYTES,
      limit,
    );
    let chunks = 0;
    let done = false;
    const finish = (failure?: [number, string]): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      if (!failure) {
        (req as Request & { body: string }).body = body.text();
        next();
        return;
      }
      body.text();
      refuse(log, req, res, failure);
      next(false);
    };
    const onData = (chunk: Buffer): void => {
      if (++chunks > MAX_BODY_CHUNKS) finish([400, `body in over ${MAX_BODY_CHUNKS} pieces`]);
      else if (!body.add(chunk)) finish([413, `body over ${limit} bytes`]);
    };
    const timer = setTimeout(() => finish([408, `body not complete within ${timeoutMs} ms`]), timeoutMs);
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', () => finish([400, 'request stream failed']));
  };
}

/** Checks an Authorization header: nothing (go on), or the status and reason to refuse it with. */
export type EarlyAuthorization = (
  authorization: string,
) => Promise<{ ok: true } | { ok: false; status: number; reason: string }>;

/**
 * Checks the request's token from its Authorization header before a byte of the body is read: a
 * refused token is answered (401, or 503 when the signing keys cannot be fetched) with one warning
 * line and the connection closed, so nobody without a valid token gets the bot to hold a body.
 */
export function earlyAuthorization(log: Logger, authorize: EarlyAuthorization): RequestHandler {
  // Not an async function: restify refuses async handlers that take `next`.
  return (req: Request, res: Response, next: Next) => {
    authorize(req.headers.authorization ?? '')
      .catch((err: unknown) => ({
        ok: false as const,
        status: 503,
        reason: err instanceof Error ? err.message : 'token check failed',
      }))
      .then((verdict) => {
        if (verdict.ok) return next();
        refuse(log, req, res, [verdict.status, `token: ${verdict.reason}`], 'warn');
        return next(false);
      });
  };
}

/** The JSON parsing step of restify's jsonBodyParser, fed by limitedBodyReader (no multipart, no files). */
export function jsonParser(): RequestHandler[] {
  return restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false });
}

/**
 * Every error restify answers itself (unknown route, wrong method, invalid JSON, a handler that
 * threw) gets a generic body; the detail goes to the log, a stack only for the bot's own faults.
 */
export function genericErrors(server: Server, log: Logger): void {
  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number }, done: () => void) => {
      const status = err.statusCode ?? 500;
      const fields = { status, method: req.method, path: req.getPath() };
      if (status >= 500) log.error('http.error', { ...fields, error: err });
      else log.info('http.refused', { ...fields, reason: err.message });
      Object.assign(err, { toJSON: () => genericError(status) });
      done();
    },
  );
}
