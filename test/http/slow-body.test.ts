/**
 * Issue 20 point 1: an unauthenticated caller sending bodies in tiny pieces, never finished, on
 * many connections, against the bot started as `npm start` starts it (same node flags and
 * environment). The bot must stay up, grow by less than 1 MB per connection whatever the chunking,
 * and cut every such connection off within seconds.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testConnectionString } from '../support/azurite';
import { startBuiltBot, type BotProcess } from '../support/bot-process';

const root = path.join(__dirname, '..', '..');
/** Built apart from dist/ so this file and others never write the same files at once. */
const outDir = path.join(root, '.cache', 'slow-body-dist');
const CONNECTIONS = 30;
const MB = 1024 * 1024;

/** `npm start`'s node flags and environment, read from package.json so the test follows any change. */
function npmStart(): { flags: string[]; env: Record<string, string> } {
  const script = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts.start;
  const env = Object.fromEntries([...script.matchAll(/\b([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const flags = [...script.matchAll(/\s(--[a-z-]+=\S+)/g)].map((m) => m[1]);
  return { flags, env };
}

/** The resident memory of a process; Infinity once it is gone (a crash). */
function rssBytes(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
  } catch {
    return Infinity;
  }
}

/** What one attacking connection saw: the status line the bot answered with, and when it was cut off. */
interface Outcome {
  status: string;
  closedAfterMs: number;
}

/**
 * Opens a connection that sends a POST's headers and then its body in `piece`-byte writes (chunked
 * unless `contentLength`), waiting `gapMs` between writes, never finishing.
 */
function attack(port: number, piece: number, gapMs: number, contentLength?: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let status = '';
    let open = true;
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.setNoDelay(true);
      const framing = contentLength ? `Content-Length: ${contentLength}` : 'Transfer-Encoding: chunked';
      socket.write(
        `POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer x\r\n${framing}\r\n\r\n`,
      );
      const data = Buffer.alloc(piece, '{');
      const chunk = contentLength
        ? data
        : Buffer.concat([Buffer.from(`${piece.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
      const next = (): void => {
        if (!open) return;
        socket.write(chunk, () => (gapMs ? setTimeout(next, gapMs) : setImmediate(next)));
      };
      next();
    });
    socket.on('data', (d: Buffer) => (status ||= d.toString().split('\r\n')[0]));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open = false;
      resolve({ status, closedAfterMs: Date.now() - started });
    });
  });
}

describe('bodies sent in tiny pieces and never finished (npm start, local mode)', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-slow-'));
  let bot: BotProcess;
  let port = 0;

  beforeAll(async () => {
    const start = npmStart();
    expect(start.flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=/)]));
    bot = await startBuiltBot(
      outDir,
      {
        ...start.env,
        TMPDIR: temp,
        DATA_DIR: temp,
        AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
        PORT: '0',
        PLAYGROUND: 'off',
        REMINDERS: 'off',
        LOG_LEVEL: 'info',
      },
      start.flags,
    );
    port = bot.port;
    // Warm up: the first requests load and compile the HTTP path.
    for (let i = 0; i < 3; i++) await attack(port, 1, 0, 10);
  }, 120_000);
  afterAll(() => bot.stop());

  const cases: [string, number, number, number | undefined, RegExp][] = [
    ['chunked, 1 byte per chunk, as fast as possible', 1, 0, undefined, / 40[08] /],
    ['Content-Length 256 KB, 1 byte per write', 1, 1, 256 * 1024, / 40[08] /],
    ['chunked, 1 KB chunks, as fast as possible', 1024, 0, undefined, / 413 /],
    ['chunked, 1 byte every 20 ms (never enough to be refused for size)', 1, 20, undefined, / 408 /],
  ];

  it.each(cases)(
    `%s: ${CONNECTIONS} connections cost under 1 MB each, each is cut off within seconds, the bot stays up`,
    async (what, piece, gapMs, contentLength, expected) => {
      const before = rssBytes(bot.child.pid!);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(bot.child.pid!))), 20);
      const outcomes = await Promise.all(
        Array.from({ length: CONNECTIONS }, () => attack(port, piece, gapMs, contentLength)),
      );
      clearInterval(sampler);
      const perConnection = (peak - before) / CONNECTIONS;
      process.stdout.write(
        `${what}: peak RSS +${((peak - before) / MB).toFixed(1)} MB over ${CONNECTIONS} connections = ` +
          `${(perConnection / MB).toFixed(3)} MB each; cut off after ` +
          `${Math.max(...outcomes.map((o) => o.closedAfterMs))} ms at most (${outcomes[0].status})\n`,
      );
      expect(bot.child.exitCode).toBeNull();
      expect(perConnection).toBeLessThan(MB);
      for (const o of outcomes) {
        expect(o.status).toMatch(expected);
        expect(o.closedAfterMs).toBeLessThan(8_000);
      }
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
    },
    60_000,
  );

  it('logs each cut-off connection as one line, without a stack', () => {
    expect(bot.child.exitCode).toBeNull();
    const stderr = bot.stderr();
    // Only whole lines: the pipe may hand over the last one in two pieces.
    const lines = stderr.split('\n').slice(0, -1);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(stderr).toMatch(/"reason":"body not complete within 5000 ms"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
