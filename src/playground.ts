import { spawn } from 'node:child_process';
import path from 'node:path';
import { stopChild } from './child-process';
import type { Logger } from './log';
import { projectRoot } from './paths';

/** A running Microsoft 365 Agents Playground (the local Teams emulator). */
export interface Playground {
  url: string;
  stop(): Promise<void>;
}

/** Where the playground's mock Teams context (.m365agentsplayground.yml) lives. */
export const PLAYGROUND_DIR = path.join(projectRoot(), 'playground');

/** Starts the playground against the bot's endpoint, telemetry off, with the project's mock chat. */
export function startPlayground(
  botEndpoint: string,
  port: number,
  configDir: string,
  log: Logger,
): Playground {
  const cli = path.join(
    path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
    'cli.js',
  );
  const args = [cli, '-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'];
  const child = spawn(process.execPath, args, { cwd: configDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  child.once('exit', (code, signal) => {
    if (signal === null && code !== 0)
      log.error('playground.exited', { code, stderr: stderr.trim(), configDir });
  });
  return { url: `http://localhost:${port}`, stop: () => stopChild(child, 'SIGTERM', 5000) };
}
