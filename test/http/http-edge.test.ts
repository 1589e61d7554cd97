import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGzip, deflateSync } from 'node:zlib';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/runtime';
import { groupChat, mention, user } from '../support/activities';
import { testConnectionString } from '../support/azurite';
import { startBuiltBot, type BotProcess } from '../support/bot-process';

const root = path.join(__dirname, '..', '..');
/** Built apart from dist/ so this file and test/process never write the same files at once. */
const outDir = path.join(root, '.cache', 'http-edge-dist');
const GENERIC = [
  'bad request',
  'unauthorized',
  'not found',
  'method not allowed',
  'payload too large',
  'unsupported media type',
];

interface Answer {
  status: number;
  body: string;
}

/** One raw HTTP request; `chunks` are written one by one (chunked) and writing stops once the answer comes. */
function send(
  port: number,
  method: string,
  headers: Record<string, string>,
  body: Buffer | Buffer[] = Buffer.alloc(0),
  urlPath = '/api/messages',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (Buffer.isBuffer(body)) {
      req.end(body);
      return;
    }
    const chunks = [...body];
    const next = (): void => {
      if (answered || req.destroyed) return;
      const chunk = chunks.shift();
      if (!chunk) req.end();
      else req.write(chunk, () => setTimeout(next, 2));
    };
    next();
  });
}

/** 250 KB of gzip that inflates to 257 MB of zeros. */
function gzipBomb(): Promise<Buffer> {
  return new Promise((resolve) => {
    const gzip = createGzip({ level: 9 });
    const out: Buffer[] = [];
    gzip.on('data', (d: Buffer) => out.push(d));
    gzip.on('end', () => resolve(Buffer.concat(out)));
    const mb = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 257; i++) gzip.write(mb);
    gzip.end();
  });
}

function multipart(size: number): { type: string; body: Buffer } {
  const boundary = '----erfaringsgruppe';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\n`),
    Buffer.alloc(size, 'x'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { type: `multipart/form-data; boundary=${boundary}`, body };
}

const rssKb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

function expectGeneric(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['error']);
  expect(GENERIC).toContain(body.error);
}

/** What anyone on the network can send to /api/messages without a token: refused before it is parsed. */
describe('the HTTP edge of the bot process', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-tmp-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-edge-'));
  let bot: BotProcess;
  let port = 0;

  beforeAll(async () => {
    bot = await startBuiltBot(outDir, {
      TMPDIR: temp,
      DATA_DIR: dataDir,
      PORT: '0',
      PLAYGROUND: 'off',
      LOG_LEVEL: 'info',
    });
    port = bot.port;
  }, 120_000);
  afterAll(() => bot.stop());

  it('answers multipart, form, text, gzip, deflate, oversize and broken bodies with a generic 4xx, writes no file and barely grows', async () => {
    const bomb = await gzipBomb();
    expect(bomb.length).toBeLessThan(300 * 1024);
    const json = Buffer.from(
      JSON.stringify(mention(groupChat('http://127.0.0.1:9'), user('Mallory'), 'hjælp')),
    );
    const big = multipart(100 * 1024);
    const huge = multipart(10 * 1024 * 1024);
    const oversize = Buffer.alloc(300 * 1024, ' ');
    const cases: [string, () => Promise<Answer>, number][] = [
      ['multipart 100 KB', () => send(port, 'POST', { 'content-type': big.type }, big.body), 415],
      ['multipart 10 MB', () => send(port, 'POST', { 'content-type': huge.type }, huge.body), 415],
      [
        'urlencoded',
        () =>
          send(port, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('a=1&b=2')),
        415,
      ],
      ['text/plain', () => send(port, 'POST', { 'content-type': 'text/plain' }, Buffer.from('hej')), 415],
      ['no content type', () => send(port, 'POST', {}, json), 415],
      [
        'gzip bomb',
        () => send(port, 'POST', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb),
        415,
      ],
      [
        'gzip bomb again',
        () => send(port, 'POST', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb),
        415,
      ],
      [
        'deflate',
        () =>
          send(
            port,
            'POST',
            { 'content-type': 'application/json', 'content-encoding': 'deflate' },
            deflateSync(json),
          ),
        415,
      ],
      ['json over 256 KB', () => send(port, 'POST', { 'content-type': 'application/json' }, oversize), 413],
      [
        'chunked json over 256 KB',
        () =>
          send(
            port,
            'POST',
            { 'content-type': 'application/json' },
            Array.from({ length: 64 }, () => Buffer.alloc(16 * 1024, ' ')),
          ),
        413,
      ],
      [
        'broken json',
        () => send(port, 'POST', { 'content-type': 'application/json' }, Buffer.from('{"type":')),
        400,
      ],
      [
        'json null',
        () => send(port, 'POST', { 'content-type': 'application/json' }, Buffer.from('null')),
        400,
      ],
      [
        'json without a type',
        () => send(port, 'POST', { 'content-type': 'application/json' }, Buffer.from('{}')),
        400,
      ],
      ['GET on the bot endpoint', () => send(port, 'GET', {}, undefined), 405],
      ['an unknown path', () => send(port, 'GET', {}, undefined, '/api/nothing'), 404],
    ];
    // Warm up with each kind once (the first of each loads and compiles code), then measure the
    // resident memory of the bot process over 20 more.
    for (const [, run] of cases) await run();
    const before = rssKb(bot.child.pid!);
    const answers: [string, Answer, number][] = [];
    for (let i = 0; i < 20; i++) {
      const [what, run, status] = cases[i % cases.length];
      answers.push([what, await run(), status]);
    }
    for (const [what, answer, status] of answers) {
      expect([what, answer.status]).toEqual([what, status]);
      expectGeneric(answer, status);
    }
    expect(answers.map(([, a]) => a.body).join('')).not.toMatch(
      /TypeError|null|activity|ENOTFOUND|ECONNREFUSED|\bat /,
    );
    const grownKb = rssKb(bot.child.pid!) - before;
    process.stdout.write(`RSS growth over 20 refused requests: ${grownKb} KB\n`);
    expect(grownKb).toBeLessThan(20 * 1024);
    expect(readdirSync(temp)).toEqual([]);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  }, 120_000);

  it('logs each refusal as one JSON line and never a stack trace', async () => {
    for (let i = 0; i < 10; i++) {
      await send(port, 'POST', { 'content-type': 'text/plain' }, Buffer.from('hej'));
      await send(port, 'POST', { 'content-type': 'application/json' }, Buffer.from('{}'));
    }
    // The log lines come through a pipe from the bot process: wait for them up to 30 s on a loaded
    // machine (the loop ends as soon as all 20 are there), and read only whole lines.
    for (
      let waited = 0;
      (bot.stderr().match(/"event":"(http\.refused|activity\.malformed)"/g) ?? []).length < 20;
      waited++
    ) {
      if (waited > 600) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const lines = bot.stderr().split('\n').slice(0, -1);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const refused = lines
      .map((l) => JSON.parse(l) as { event?: string; status?: number })
      .filter((l) => l.event === 'http.refused' || l.event === 'activity.malformed');
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });

  it('is not reachable on any interface but loopback in local mode', async () => {
    const { networkInterfaces } = await import('node:os');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      await expect(fetch(`http://${address}:${port}/healthz`)).rejects.toThrow();
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')
      .map((cols) => cols[1].split(':')[0]);
    expect(listening).toEqual(['0100007F']);
  });
});

/** In production, nothing without an Authorization header is read at all. */
describe('the HTTP edge in production mode', () => {
  let bot: RunningBot;

  beforeAll(async () => {
    const config = parseConfig({
      PORT: '0',
      MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
      LINK_SIGNING_KEY: Buffer.alloc(32, 3).toString('base64'),
      AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
      HOST: '127.0.0.1',
    });
    bot = await startBot(config, createLogger('silent'));
  });
  afterAll(() => bot.stop());

  it('answers 401 with a generic body to a request without a token, whatever it carries', async () => {
    const activity = Buffer.from(
      JSON.stringify(mention(groupChat('http://127.0.0.1:9'), user('Mallory'), 'hjælp')),
    );
    expectGeneric(await send(bot.port, 'POST', { 'content-type': 'application/json' }, activity), 401);
    expectGeneric(await send(bot.port, 'POST', { 'content-type': 'text/plain' }, Buffer.from('x')), 401);
    const health = await fetch(`${bot.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('answers a forged token with a generic 401, not the reason', async () => {
    const activity = Buffer.from(
      JSON.stringify(mention(groupChat('http://127.0.0.1:9'), user('Mallory'), 'hjælp')),
    );
    const answer = await send(
      bot.port,
      'POST',
      { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
      activity,
    );
    expectGeneric(answer, 401);
  });
});
