import restify, { type Request, type Response, type Server } from 'restify';
import {
  activityGate,
  earlyAuthorization,
  genericError,
  genericErrors,
  jsonParser,
  limitedBodyReader,
  MAX_ACTIVITY_BYTES,
  type EarlyAuthorization,
} from './http-edge';
import type { Logger } from './log';
import { redactRequestTelemetry } from './request-telemetry';
import { legalPage, PAGE_PATHS, type PageKind } from './web/legal-pages';
import type { TabRequest, TabResponse } from './web/tab-api';

/** What the HTTP server serves. */
export interface ServerRoutes {
  /** POST /api/messages: the parsed body and the Authorization header to the bot; `error` is never sent. */
  messages(
    body: unknown,
    authorization: string,
  ): Promise<{ status: number; body?: unknown; error?: unknown }>;
  /** Production: refuse /api/messages without an Authorization header before reading its body. */
  requireAuthorization: boolean;
  /** Production: the token in the Authorization header, checked before the body is read. */
  authorize?: EarlyAuthorization;
  /** Where refused requests and server errors are logged, one line each. */
  log: Logger;
  /** GET /healthz: resolves when storage answers. */
  health(): Promise<void>;
  /** GET /api/calendar/meeting.ics?token=…: a meeting's .ics file behind a signed link. */
  calendar?(token: string | undefined): Promise<TabResponse>;
  /** The overview tab: its API and the folder with its built pages (dist/tab). */
  tab?: {
    overview(req: TabRequest): Promise<TabResponse>;
    mine(req: TabRequest): Promise<TabResponse>;
    directory: string;
  };
}

/** Teams (web, desktop, mobile) and Outlook/Microsoft 365 may frame the tab; nobody else. */
const TAB_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
  "connect-src 'self' https://res.cdn.office.net; " +
  "frame-ancestors 'self' https://*.cloud.microsoft https://teams.microsoft.com https://*.teams.microsoft.com " +
  'https://*.microsoft365.com https://*.office.com https://outlook.office.com https://outlook.office365.com ' +
  'https://outlook-sdf.office.com https://outlook-sdf.office365.com';

/** The privacy, terms and website pages: their own inline style, nothing else, framed by nobody. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

function tabRequest(req: Request): TabRequest {
  const query = Object.fromEntries(
    Object.entries((req.query ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : undefined,
    ]),
  );
  return { authorization: req.headers.authorization, query };
}

/**
 * A download's file name: headers carry only Latin-1, and group names can hold any letter, so an
 * ASCII fallback plus the UTF-8 name (RFC 6266 / 5987), which browsers prefer.
 */
function attachment(filename: string): string {
  const danish: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };
  const ascii =
    filename
      .replace(/[æøåÆØÅ]/g, (c) => danish[c])
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function sendTab(res: Response, answer: TabResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (answer.filename) res.setHeader('Content-Disposition', attachment(answer.filename));
  res.writeHead(answer.status, { 'Content-Type': answer.contentType });
  res.end(answer.body);
}

const HEALTH_TIMEOUT_MS = 3000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** A request's headers must be in within this long of the connection or the previous request. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** A whole request (headers and body) must be in within this long; the body reader's own limit is shorter. */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Node's own limits, far below its defaults (60 s for headers, 300 s for a request): a client
 * that sends slowly, or opens connections and sends nothing, is answered 408 and cut off. Node
 * checks them every `connectionsCheckingInterval`, set before the server listens.
 */
function withTimeouts(server: Server): void {
  const http = server.server;
  http.headersTimeout = HEADERS_TIMEOUT_MS;
  http.requestTimeout = REQUEST_TIMEOUT_MS;
  // A constructor option in Node's types; Node reads the property when the server starts listening.
  Object.assign(http, { connectionsCheckingInterval: 1_000 });
}

/** The bot's HTTP server (restify): requests are refused before they are parsed, errors say little. */
export function createServer(routes: ServerRoutes): Server {
  const { log } = routes;
  const server = restify.createServer({ name: 'erfaringsgruppe-bot' });
  withTimeouts(server);
  // Signed links carry tokens in the query: request telemetry records it redacted.
  server.pre(redactRequestTelemetry);
  genericErrors(server, log);
  const authorize = routes.authorize;
  server.post(
    '/api/messages',
    activityGate(log, routes.requireAuthorization),
    ...(authorize ? [earlyAuthorization(log, authorize)] : []),
    limitedBodyReader(log, MAX_ACTIVITY_BYTES),
    ...jsonParser(),
    async (req: Request, res: Response) => {
      const answer = await routes.messages(req.body, req.headers.authorization ?? '');
      if (answer.error !== undefined) res.json(answer.status, genericError(answer.status));
      else if (answer.body !== undefined) res.json(answer.status, answer.body);
      else res.send(answer.status);
    },
  );
  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await withTimeout(routes.health(), HEALTH_TIMEOUT_MS);
      res.json(200, { status: 'ok' });
    } catch (err) {
      log.warn('health.unavailable', { error: err instanceof Error ? err.message : String(err) });
      res.json(503, { status: genericError(503).error });
    }
  });
  // The website, privacy and terms pages the manifest links: static text, no script, not framed.
  for (const kind of Object.keys(PAGE_PATHS) as PageKind[])
    for (const [lang, path] of Object.entries(PAGE_PATHS[kind]) as [
      keyof (typeof PAGE_PATHS)[PageKind],
      string,
    ][])
      server.get(path, async (_req: Request, res: Response) => {
        res.setHeader('Content-Security-Policy', PAGE_CSP);
        sendTab(res, legalPage(kind, lang));
      });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  const calendar = routes.calendar;
  if (calendar) {
    server.get('/api/calendar/meeting.ics', async (req: Request, res: Response) =>
      sendTab(res, await calendar(tabRequest(req).query.token)),
    );
  }
  const tab = routes.tab;
  if (tab) {
    server.get('/api/tab/overview', async (req: Request, res: Response) =>
      sendTab(res, await tab.overview(tabRequest(req))),
    );
    server.get('/api/tab/mine', async (req: Request, res: Response) =>
      sendTab(res, await tab.mine(tabRequest(req))),
    );
    server.get(
      '/tab/*',
      (_req: Request, res: Response, next: () => void) => {
        res.setHeader('Content-Security-Policy', TAB_CSP);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        next();
      },
      restify.plugins.serveStaticFiles(tab.directory),
    );
  }
  return server;
}
