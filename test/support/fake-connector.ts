import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** For PUT: the activity updated; for POST with a reply: the activity replied to. */
  activityId?: string;
  activity: Record<string, unknown>;
  /** The id the connector gave a posted activity. */
  id: string;
  at: number;
}

/** A loopback stand-in for the Bot Connector service that records every send and update. */
export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Calls that posted a new message. */
  posts(): ConnectorCall[];
  /** Calls that updated a message in place. */
  updates(): ConnectorCall[];
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/** Starts the fake connector on a free loopback port. */
export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = ROUTE.exec((req.url ?? '').split('?')[0]);
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
      const id = req.method === 'PUT' && activityId ? activityId : `activity-${next++}`;
      calls.push({
        method: req.method,
        conversationId: decodeURIComponent(m[1]),
        activityId,
        activity: JSON.parse(body || '{}') as Record<string, unknown>,
        id,
        at: Date.now(),
      });
      // restify patches ServerResponse.writeHead (it does not return `res`), so set fields one by one.
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    posts: () => calls.filter((c) => c.method === 'POST'),
    updates: () => calls.filter((c) => c.method === 'PUT'),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
