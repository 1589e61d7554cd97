import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
export function startCommand(): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start.split(/\s+/);
  const env = Object.fromEntries(
    words
      .filter((w) => /^[A-Z_]+=/.test(w))
      .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  return { flags: words.filter((w) => w.startsWith('--')), env };
}

/**
 * Runs the bot as its own process, as `npm start` does (its heap cap: without it V8 grows the heap
 * lazily to ~360 MB at 50 groups, the live set fits in far less; its young generation of 2 MB
 * semi-spaces instead of 16 MB: 197 → 162 MB), through G whole programmes, and reads its peak RSS.
 */
export async function measureBotMemory(
  groups: number,
  connectionString: string,
  serviceUrl: string,
  start: { flags: string[]; env: Record<string, string> } = startCommand(),
): Promise<number> {
  const port = await choosePort('127.0.0.1', undefined);
  const child = spawn(
    process.execPath,
    [...start.flags, path.join(projectRoot(), 'dist', 'src', 'index.js')],
    {
      env: {
        ...start.env,
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        AZURE_STORAGE_CONNECTION_STRING: connectionString,
        PLAYGROUND: 'off',
        REMINDERS: 'off',
        LOG_LEVEL: 'warn',
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
  const peak = peakRssMb(child.pid!);
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return peak;
}
