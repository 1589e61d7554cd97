import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redactedTarget } from '../../src/request-telemetry';
import { signToken } from '../../src/lib/signed-token';
import { testConnectionString } from '../support/azurite';

const root = path.join(__dirname, '..', '..');
const KEY = Buffer.alloc(32, 9);

/**
 * The request telemetry App Service's Application Insights agent collects for Node: the
 * OpenTelemetry HTTP instrumentation (the agent's own) around the bot's HTTP server, both semantic
 * conventions on, every finished span written as a JSON line — what the agent's exporter would
 * turn into request records. Loaded with `node --require` before the bot, as the agent is.
 */
function agentPreload(out: string): string {
  const modules = {
    trace: require.resolve('@opentelemetry/sdk-trace-node'),
    instrumentation: require.resolve('@opentelemetry/instrumentation'),
    http: require.resolve('@opentelemetry/instrumentation-http'),
  };
  const resolve = (name: keyof typeof modules): string => JSON.stringify(modules[name]);
  return `
const fs = require('node:fs');
const { NodeTracerProvider, SimpleSpanProcessor } = require(${resolve('trace')});
const { registerInstrumentations } = require(${resolve('instrumentation')});
const { HttpInstrumentation } = require(${resolve('http')});
const exporter = {
  export(spans, done) {
    for (const s of spans)
      fs.appendFileSync(${JSON.stringify(out)}, JSON.stringify({ name: s.name, kind: s.kind, attributes: s.attributes }) + '\\n');
    done({ code: 0 });
  },
  shutdown: async () => {},
};
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface SpanLine {
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** Signed links carry their token in the URL; request telemetry must never hold one (docs/security.md). */
describe('request telemetry', () => {
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  });

  it('keeps the harmless query values and redacts every other one', () => {
    expect(redactedTarget('/api/calendar/meeting.ics?token=abc.def')).toBe(
      '/api/calendar/meeting.ics?token=REDACTED',
    );
    expect(redactedTarget('/api/tab/overview?group=g1&lang=en&format=csv&tab=saved&download=x')).toBe(
      '/api/tab/overview?group=REDACTED&lang=en&format=csv&tab=saved&download=REDACTED',
    );
    expect(redactedTarget('/healthz')).toBe('/healthz');
  });

  it('records every signed link the bot serves with its token redacted, under the agent the App Service runs', async () => {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      { cwd: root },
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'telemetry-'));
    const out = path.join(dir, 'spans.jsonl');
    const preload = path.join(dir, 'agent.cjs');
    writeFileSync(preload, agentPreload(out));
    const port = await freePort();
    child = spawn(process.execPath, ['--require', preload, path.join(root, 'dist', 'src', 'index.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        PLAYGROUND: 'off',
        REMINDERS: 'off',
        LOG_LEVEL: 'warn',
        AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
        LINK_SIGNING_KEY: KEY.toString('base64'),
        OTEL_SEMCONV_STABILITY_OPT_IN: 'http/dup',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const base = `http://127.0.0.1:${port}`;
    // Started with the agent's instrumentation on a loaded two-core machine, the bot may take a
    // while to answer: wait as long as the other process tests do (bot-process.ts), and say so
    // if it never does instead of going on to requests that cannot be answered.
    const startDeadline = Date.now() + 60_000;
    while (
      (await fetch(`${base}/healthz`)
        .then((r) => r.status)
        .catch(() => 0)) !== 200
    ) {
      if (child.exitCode !== null || Date.now() > startDeadline) throw new Error('the bot did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const later = new Date(Date.now() + 3600_000);
    const tokens = {
      calendar: signToken({ use: 'calendar', grp: 'g-telemetry', m: 1 }, KEY, later),
      download: signToken(
        { use: 'download', grp: 'g-telemetry', fmt: 'csv', tid: 't', uid: 'u' },
        KEY,
        later,
      ),
      overview: signToken({ use: 'overview', grp: 'g-telemetry', tid: 't' }, KEY, later),
    };
    const links = [
      `/api/calendar/meeting.ics?token=${tokens.calendar}`,
      `/api/tab/overview?download=${tokens.download}`,
      `/api/tab/overview?group=g-telemetry&lang=da&format=csv`,
      // The local overview link keeps its token in the fragment, which no client sends.
      `/tab/overview.html?group=g-telemetry#token=${tokens.overview}`,
    ];
    for (const link of links)
      await fetch(`${base}${link}`, { headers: { authorization: `Bearer ${tokens.overview}` } }).then((r) =>
        r.arrayBuffer(),
      );
    let spans: SpanLine[] = [];
    const linkSpans = (): number =>
      spans.filter((s) => s.kind === 1 && !String(s.attributes['http.target']).startsWith('/healthz')).length;
    // Each span is written when its response has ended: wait for one per link (the start's health
    // checks have spans too, so they are not counted), up to 30 s on a loaded machine. Only whole
    // lines are read: a line being appended is read on the next look.
    for (let i = 0; i < 300 && linkSpans() < links.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      spans = existsSync(out)
        ? readFileSync(out, 'utf8')
            .split('\n')
            .slice(0, -1)
            .map((l) => JSON.parse(l) as SpanLine)
        : [];
    }
    const requests = spans.filter((s) => s.kind === 1 && String(s.attributes['http.target']).startsWith('/'));
    const targets = requests.map((s) => s.attributes['http.target']);
    expect(targets).toEqual(
      expect.arrayContaining([
        '/api/calendar/meeting.ics?token=REDACTED',
        '/api/tab/overview?download=REDACTED',
        '/api/tab/overview?group=REDACTED&lang=da&format=csv',
        '/tab/overview.html?group=REDACTED',
      ]),
    );
    for (const s of requests.filter((r) => String(r.attributes['http.target']).includes('?'))) {
      expect(String(s.attributes['url.full'])).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*=REDACTED/);
      expect(s.attributes['http.url']).toBe(s.attributes['url.full']);
      expect(String(s.attributes['http.target']).endsWith(`?${s.attributes['url.query']}`)).toBe(true);
    }
    const recorded = readFileSync(out, 'utf8');
    for (const token of Object.values(tokens)) {
      expect(recorded).not.toContain(token);
      for (const part of token.split('.')) expect(recorded).not.toContain(part);
    }
  }, 120_000);
});
