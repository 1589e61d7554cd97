import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { TEAMS_CONVERSATION_LIMITS } from '../src/bot/outbox/rate-limit';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** For PUT: the activity updated; for POST with a reply: the activity replied to. */
  activityId?: string;
  activity: Record<string, unknown>;
  /** The id the connector gave a posted activity. */
  id: string;
  /** The status the connector answered with (200 unless throttled, too large or an error was injected). */
  status: number;
  /** The UTF-8 size of the request body (the whole activity). */
  bytes: number;
  /** The tenant the activity names (its conversation's or its channel data's), '' when none. */
  tenant: string;
  /** A short hash of the activity's attachments ('' without any): the same card posted twice has the same one. */
  card: string;
  at: number;
}

/** Options: enforce Teams' per-conversation limits (429 + Retry-After when exceeded); add latency. */
export interface FakeConnectorOptions {
  enforceLimits?: boolean;
  /** The chat's members as Teams' roster call (GET …/pagedmembers) returns them; none: 404. */
  roster?: { id: string; name: string; aadObjectId: string; userPrincipalName: string }[];
  latencyMs?: number;
  /** Keep only the calls' metadata, not the activities (the benchmark's memory stays the bot's). */
  dropBodies?: boolean;
  /** Teams refuses a message larger than this (UTF-8 bytes of the activity) with 413; default 28 KB. */
  maxActivityBytes?: number;
}

/** Teams' message size limit: a larger activity is answered 413 MessageSizeTooBig. */
export const TEAMS_MAX_ACTIVITY_BYTES = 28 * 1024;

/** The error body Teams answers with, by status. */

/** A loopback stand-in for the Bot Connector service that records every send and update. */
export interface FakeConnector {
  serviceUrl: string;
  /** Every call, answered or refused. */
  attempts: ConnectorCall[];
  /** The calls that succeeded. */
  calls: ConnectorCall[];
  /** Calls that posted a new message. */
  posts(): ConnectorCall[];
  /** Calls that updated a message in place. */
  updates(): ConnectorCall[];
  /**
   * Makes the next `count` calls fail with `status` (429 gets `Retry-After: 1`, 413 Teams' size error) and, as the real
   * connector does, an error code in the body (`code`, or the usual one for the status).
   */
  failNext(status: number, count?: number, code?: string): void;
  /** The message was deleted (or removed by a retention policy): updates of it get 404 ActivityNotFoundInConversation. */
  deleteMessage(activityId: string): void;
  /** Every call into the conversation gets 403 with `code` from now on (the bot was removed); undefined: normal again. */
  refuseConversation(conversationId: string, code?: string): void;
  /** Every call gets 429 with Retry-After: 1 while on. */
  throttleAll(on: boolean): void;
  close(): Promise<void>;
}

/** The code the real connector puts in the body of an error with this status, unless a test says otherwise. */
const USUAL_CODES: Record<number, string> = {
  403: 'BotNotInConversationRoster',
  404: 'ConversationNotFound',
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The error body the real connector sends: a code (`code`, or the usual one for the status) and a message. */
function errorBody(status: number, code?: string): { error: { code: string; message: string } } {
  if (status === 413 && !code)
    return { error: { code: 'MessageSizeTooBig', message: 'Message size too large.' } };
  return { error: { code: code ?? USUAL_CODES[status] ?? 'ServiceError', message: `injected ${status}` } };
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
/** Teams' limits per bot and conversation (docs/DESIGN §6; the pacer's TEAMS_CONVERSATION_LIMITS). */
const LIMITS = TEAMS_CONVERSATION_LIMITS.filter((l) => l.windowMs <= 30_000);
/** Teams' limit per bot and tenant, the lower of the figures its docs give (DESIGN §6; the pacer stays under it). */
const TENANT_LIMITS = [{ windowMs: 1_000, count: 30 }];

/** The tenant an activity names, and a hash of its cards. */
function tenantAndCard(body: string): { tenant: string; card: string } {
  try {
    const a = JSON.parse(body || '{}') as {
      conversation?: { tenantId?: string };
      channelData?: { tenant?: { id?: string } };
      attachments?: unknown[];
    };
    const cards = a.attachments?.length ? JSON.stringify(a.attachments) : '';
    return {
      tenant: a.conversation?.tenantId ?? a.channelData?.tenant?.id ?? '',
      card: cards && createHash('sha256').update(cards).digest('base64url').slice(0, 16),
    };
  } catch {
    return { tenant: '', card: '' };
  }
}

/** How many of `calls` came in over a limit of `limits`, per key (each call counts as it arrived, accepted or not). */
function overIn(
  calls: readonly ConnectorCall[],
  keyOf: (c: ConnectorCall) => string,
  limits: readonly { windowMs: number; count: number }[],
): number {
  const byKey = new Map<string, number[]>();
  for (const c of calls) byKey.set(keyOf(c), [...(byKey.get(keyOf(c)) ?? []), c.at]);
  let over = 0;
  for (const times of byKey.values()) {
    times.sort((a, b) => a - b);
    for (const [i, at] of times.entries())
      if (
        limits.some(
          ({ windowMs, count }) => times.slice(0, i).filter((t) => t > at - windowMs).length >= count,
        )
      )
        over++;
  }
  return over;
}

/**
 * The sends that came in over Teams' limits, per conversation (7 per 1 s, 8 per 2 s, 60 per 30 s)
 * and per tenant (30 per second), counted from the connector's record.
 */
export function overLimits(calls: readonly ConnectorCall[]): { conversation: number; tenant: number } {
  return {
    conversation: overIn(calls, (c) => c.conversationId.split(';messageid=')[0], LIMITS),
    tenant: overIn(calls, (c) => c.tenant, TENANT_LIMITS),
  };
}

/** Starts the fake connector on a free loopback port. */
export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const attempts: ConnectorCall[] = [];
  const failures: { status: number; code?: string }[] = [];
  const deleted = new Set<string>();
  const refused = new Map<string, string>();
  let throttled = false;
  let next = 1;
  const overLimit = (conversationId: string, now: number): boolean =>
    LIMITS.some(({ windowMs, count }) => {
      const recent = attempts.filter(
        (c) => c.status === 200 && c.conversationId === conversationId && c.at > now - windowMs,
      );
      return recent.length >= count;
    });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => setTimeout(answer, options.latencyMs ?? 0));
    const answer = (): void => {
      if (options.roster && req.method === 'GET' && /\/pagedmembers$/.test((req.url ?? '').split('?')[0])) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ members: options.roster }));
        return;
      }
      const m = ROUTE.exec((req.url ?? '').split('?')[0]);
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const now = Date.now();

      const conversationId = decodeURIComponent(m[1]);
      const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const tooBig = raw.length > (options.maxActivityBytes ?? TEAMS_MAX_ACTIVITY_BYTES);
      const refusedCode = refused.get(conversationId.split(';messageid=')[0]);
      const injected: { status: number; code?: string } | undefined =
        refusedCode !== undefined
          ? { status: 403, code: refusedCode }
          : req.method === 'PUT' && activityId && deleted.has(activityId)
            ? { status: 404, code: 'ActivityNotFoundInConversation' }
            : throttled
              ? { status: 429 }
              : failures.shift();
      const status =
        injected?.status ??
        (tooBig ? 413 : options.enforceLimits && overLimit(conversationId, now) ? 429 : 200);
      const code = injected?.code;
      const id = req.method === 'PUT' && activityId ? activityId : `activity-${next++}`;
      const activity = options.dropBodies ? {} : (JSON.parse(body || '{}') as Record<string, unknown>);
      attempts.push({
        method: req.method,
        conversationId,
        activityId,
        activity,
        id,
        status,
        bytes: raw.length,
        ...tenantAndCard(body),
        at: now,
      });
      // restify patches ServerResponse.writeHead (it does not return `res`), so set fields one by one.
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      if (status === 429) res.setHeader('retry-after', '1');
      res.end(JSON.stringify(status === 200 ? { id } : errorBody(status, code)));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const calls = (): ConnectorCall[] => attempts.filter((c) => c.status === 200);
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    attempts,
    get calls() {
      return calls();
    },
    posts: () => calls().filter((c) => c.method === 'POST'),
    updates: () => calls().filter((c) => c.method === 'PUT'),
    failNext: (status, count = 1, code) =>
      failures.push(...Array.from({ length: count }, () => ({ status, code }))),
    deleteMessage: (activityId) => void deleted.add(activityId),
    refuseConversation: (conversationId, code) =>
      void (code === undefined ? refused.delete(conversationId) : refused.set(conversationId, code)),
    throttleAll: (on) => void (throttled = on),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
