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
function refuse(log: Logger, req: Request, res: Response, [status, reason]: [number, string]): void {
  log.info('http.refused', { status, reason, method: req.method, path: req.getPath() });
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

/**
 * Reads the body into memory, never past `limit` bytes (a chunked body that grows beyond it is
 * answered 413 and its connection closed), and nothing ever goes to disk.
 */
export function limitedBodyReader(log: Logger, limit: number): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (failure?: [number, string]): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (!failure) {
        (req as Request & { body: string }).body = Buffer.concat(chunks).toString('utf8');
        next();
        return;
      }
      refuse(log, req, res, failure);
      next(false);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish([413, `body over ${limit} bytes`]);
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', () => finish([400, 'request stream failed']));
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
