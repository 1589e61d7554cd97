import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redactedTarget } from '../../src/request-telemetry';
import { signToken } from '../../src/lib/signed-token';
import { testConnectionString } from '../support/azurite';
import { startBuiltBot, type BotProcess } from '../support/bot-process';

const root = path.join(__dirname, '..', '..');
/** Built apart from dist/ so this file and others never write the same files at once. */
const outDir = path.join(root, '.cache', 'request-telemetry-dist');
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

interface SpanLine {
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** Signed links carry their token in the URL; request telemetry must never hold one (docs/security.md). */
describe('request telemetry', () => {
  let bot: BotProcess | undefined;
  afterAll(() => bot?.stop());

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
    const dir = mkdtempSync(path.join(tmpdir(), 'telemetry-'));
    const out = path.join(dir, 'spans.jsonl');
    const preload = path.join(dir, 'agent.cjs');
    writeFileSync(preload, agentPreload(out));
    // Built apart from dist/ (which start-and-stop builds for `npm start`), on a port the bot picks:
    // no other test file writes the files it runs or takes its port, whichever runs alongside.
    bot = await startBuiltBot(
      outDir,
      {
        PORT: '0',
        PLAYGROUND: 'off',
        REMINDERS: 'off',
        LOG_LEVEL: 'warn',
        AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
        LINK_SIGNING_KEY: KEY.toString('base64'),
        OTEL_SEMCONV_STABILITY_OPT_IN: 'http/dup',
      },
      ['--require', preload],
    );
    const base = `http://127.0.0.1:${bot.port}`;
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
