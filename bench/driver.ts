/**
 * The bench's driver: the fake Teams clients that send activities to the bot and time the answers,
 * in a Node process of their own, as Teams sends from its own servers. The bot's process then
 * spends its CPU and event loop on the bot only. The driver keeps its connections to the bot open
 * between requests (an `http.Agent` with keep-alive), as a client of Teams' kind pools them.
 *
 * The parent starts it with `startDriver()` (a `child_process.fork` of this file, compiled) and
 * talks to it over the IPC channel: one activity at a time (`send`), or many fired at once
 * (`batch`: a burst, timed from the first request to the last answer in the driver).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * One activity the driver sent: its HTTP status and the latency it saw (ms, first request to last
 * byte); `retried` when a kept connection was closed under it and it went again on a new one.
 */
export interface Sent {
  status: number;
  ms: number;
  retried?: boolean;
}

type Ask =
  | { op: 'send'; url: string; activity: Record<string, unknown> }
  | { op: 'batch'; url: string; activities: Record<string, unknown>[] };
type Request = Ask & { id: number };
type Reply = { id: number; sent: Sent[]; elapsedMs: number } | { id: number; error: string };

/** The parent's handle on the driver process. */
export interface Driver {
  /** Sends one activity to `${url}/api/messages`. */
  send(url: string, activity: Record<string, unknown>): Promise<Sent>;
  /**
   * Sends every activity at once; `elapsedMs` is from the first request to the last answer. The
   * request leaves this process before `batch` returns its promise (measure CPU from then on).
   */
  batch(url: string, activities: Record<string, unknown>[]): Promise<{ sent: Sent[]; elapsedMs: number }>;
  /** The driver process's pid (to tell its CPU from the bot's). */
  pid: number;
  stop(): Promise<void>;
}

/** Forks the driver process (`maxSockets`: its connections to one bot at most; default no limit). */
export function startDriver(maxSockets?: number): Driver {
  const child: ChildProcess = fork(__filename, [], {
    env: { ...process.env, BENCH_DRIVER_SOCKETS: String(maxSockets ?? '') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  child.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    w?.resolve(reply);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`bench driver exited (${code})`));
    waiting.clear();
  });
  const ask = async (request: Ask): Promise<{ sent: Sent[]; elapsedMs: number }> => {
    const id = next++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
    if ('error' in reply) throw new Error(`bench driver: ${reply.error}`);
    return reply;
  };
  return {
    pid: child.pid!,
    send: async (url, activity) => (await ask({ op: 'send', url, activity })).sent[0],
    batch: (url, activities) => ask({ op: 'batch', url, activities }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/**
 * The old way, for a comparison in the same conditions (`--driver inline`): the activities sent
 * with `fetch` from the bot's own process (its event loop and CPU shared with the bot).
 */
export function inlineDriver(): Driver {
  const send = async (url: string, activity: Record<string, unknown>): Promise<Sent> => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    return { status: res.status, ms: performance.now() - t0 };
  };
  return {
    pid: process.pid,
    send,
    batch: async (url, activities) => {
      const t0 = performance.now();
      const sent = await Promise.all(activities.map((a) => send(url, a)));
      return { sent, elapsedMs: performance.now() - t0 };
    },
    stop: async () => undefined,
  };
}

/**
 * In the driver process: POSTs one activity over the kept connections and times it. A kept
 * connection the server closed as the request went out (`ECONNRESET` on a reused socket) is tried
 * once more on a new one, as Node's documentation advises for keep-alive clients; the time counts
 * from the first try.
 */
function post(
  agent: http.Agent,
  url: string,
  activity: Record<string, unknown>,
  t0 = performance.now(),
): Promise<Sent> {
  const body = Buffer.from(JSON.stringify(activity));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/messages`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
        res.on('error', reject);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!req.reusedSocket || err.code !== 'ECONNRESET') return reject(err);
      const fresh = new http.Agent({ keepAlive: false });
      post(fresh, url, activity, t0).then((sent) => resolve({ ...sent, retried: true }), reject);
    });
    req.end(body);
  });
}

function serve(): void {
  const sockets = Number(process.env.BENCH_DRIVER_SOCKETS);
  const agent = new http.Agent({ keepAlive: true, ...(sockets > 0 && { maxSockets: sockets }) });
  process.on('message', (request: Request) => {
    const t0 = performance.now();
    const activities = request.op === 'send' ? [request.activity] : request.activities;
    Promise.all(activities.map((a) => post(agent, request.url, a)))
      .then((sent) => process.send!({ id: request.id, sent, elapsedMs: performance.now() - t0 }))
      .catch((err: unknown) => process.send!({ id: request.id, error: String(err) }));
  });
  process.on('disconnect', () => {
    agent.destroy();
    process.exit(0);
  });
}

if (require.main === module) serve();
