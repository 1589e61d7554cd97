import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { choosePort } from '../src/store/azurite';
import { openTableStore } from '../src/store/connect';
import {
  chooseProject,
  finishMeeting,
  formGroup,
  newGroup,
  startAndAnswer,
  summaries,
  type Send,
} from './programme';

/** CPU seconds (user + system) a Linux process has used, from /proc (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident memory (VmHWM, MB) of a Linux process. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * Node's flags and the environment variables of `npm start` (package.json), so the bench measures
 * the bot as it is started in production.
 */
export function startCommand(script?: string): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (script ?? pkg.scripts.start).split(/\s+/);
  const env = Object.fromEntries(
    words
      .filter((w) => /^[A-Z_]+=/.test(w))
      .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  return { flags: words.filter((w) => w.startsWith('--')), env };
}

/** The bot's peak resident memory and peak V8 heap in use (MB), and `process.memoryUsage()` (MB) at its peak RSS sample. */
export interface BotMemory {
  peakRssMb: number;
  /** CPU seconds (user + system) the bot's process used for the whole run. */
  cpuSeconds: number;
  peakHeapMb: number;
  atPeakRss: {
    rss: number;
    heapTotal: number;
    heapUsed: number;
    external: number;
    arrayBuffers: number;
    spaces: Record<string, number>;
  };
}

/** A local Application Insights ingestion endpoint that accepts every item (the agent's exports). */
async function telemetrySink(): Promise<{ connectionString: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"itemsReceived":0,"itemsAccepted":0,"errors":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}/`;
  return {
    connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${endpoint};LiveEndpoint=${endpoint}`,
    close: () => server.close(),
  };
}

/** The bot as its own process, started as `npm start` starts it; `stop` ends it and reads its peaks. */
export interface BotProcess {
  send: Send;
  store: Awaited<ReturnType<typeof openTableStore>>;
  stop(): Promise<BotMemory>;
}

/**
 * Starts the bot as its own process, as `npm start` does (its heap cap and young generation, its
 * environment), with a probe of its peak heap; with `agent` the Azure Monitor OpenTelemetry distro
 * is preloaded, as on App Service.
 */
export async function startBotProcess(
  connectionString: string,
  {
    agent = false,
    start = startCommand(),
  }: { agent?: boolean; start?: ReturnType<typeof startCommand> } = {},
): Promise<BotProcess> {
  const port = await choosePort('127.0.0.1', undefined);
  const heapFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-heap-')), 'peak');
  const sink = agent ? await telemetrySink() : undefined;
  const preload = (name: string): string[] => ['--require', path.join(projectRoot(), 'dist', 'bench', name)];
  const child = spawn(
    process.execPath,
    [
      ...start.flags,
      ...(agent ? preload('agent.js') : []),
      ...preload('heap-probe.js'),
      path.join(projectRoot(), 'dist', 'src', 'index.js'),
    ],
    {
      env: {
        ...start.env,
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        AZURE_STORAGE_CONNECTION_STRING: connectionString,
        PLAYGROUND: 'off',
        REMINDERS: 'off',
        LOG_LEVEL: 'warn',
        BENCH_HEAP_FILE: heapFile,
        ...(sink && {
          APPLICATIONINSIGHTS_CONNECTION_STRING: sink.connectionString,
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        }),
      },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const send: Send = async (_type, activity) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    return res.status;
  };
  const store = await openTableStore({ connectionString });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    send,
    store,
    stop: async () => {
      const peak = child.exitCode === null ? peakRssMb(child.pid!) : 0;
      const cpu = child.exitCode === null ? cpuSeconds(child.pid!) : 0;
      child.kill('SIGTERM');
      await stopped;
      store.close();
      sink?.close();
      const probe = JSON.parse(readFileSync(heapFile, 'utf8')) as Omit<BotMemory, 'peakRssMb' | 'cpuSeconds'>;
      return { peakRssMb: peak, cpuSeconds: cpu, ...probe };
    },
  };
}

/**
 * Runs the bot as its own process, as `npm start` does (its heap cap: without it V8 grows the heap
 * lazily to ~360 MB at 50 groups, the live set fits in far less; its young generation of 2 MB
 * semi-spaces instead of 16 MB: 197 → 162 MB; its old space grown by 10 % over the live set, not
 * V8's own factor: 158 → 148 MB, docs/performance.md), through G whole programmes, and reads its peak RSS
 * and peak heap. With `agent` the Azure Monitor OpenTelemetry distro is preloaded, as on App Service.
 */
export async function measureBotMemory(
  groups: number,
  connectionString: string,
  serviceUrl: string,
  options: { agent?: boolean; start?: ReturnType<typeof startCommand> } = {},
): Promise<BotMemory> {
  const bot = await startBotProcess(connectionString, options);
  const { send, store } = bot;
  try {
    await Promise.all(
      Array.from({ length: groups }, async () => {
        const g = newGroup(serviceUrl);
        await formGroup(send, g);
        for (const n of [1, 2, 3, 4]) {
          await startAndAnswer(send, g, n, store);
          await finishMeeting(send, g, n, store);
        }
        await chooseProject(send, g, store);
        await summaries(send, g);
      }),
    );
  } catch (err) {
    // A failed programme must not leave the bot running.
    await bot.stop();
    throw err;
  }
  return bot.stop();
}
