import restify, { type Request, type Response, type Server } from 'restify';

/** What the HTTP server serves. */
export interface ServerRoutes {
  /** POST /api/messages: hands the request to the Bot Framework adapter. */
  messages(req: Request, res: Response): Promise<void>;
  /** GET /healthz: resolves when storage answers. */
  health(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 3000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** The bot's HTTP server (restify). */
export function createServer(routes: ServerRoutes): Server {
  const server = restify.createServer({ name: 'erfaringsgruppe-bot' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await routes.messages(req, res);
  });
  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await withTimeout(routes.health(), HEALTH_TIMEOUT_MS);
      res.json(200, { status: 'ok', storage: 'ok' });
    } catch (err) {
      res.json(503, { status: 'unavailable', storage: err instanceof Error ? err.message : String(err) });
    }
  });
  return server;
}
