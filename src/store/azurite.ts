import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { stopChild } from '../child-process';

/** A running embedded Azurite table service. */
export interface EmbeddedAzurite {
  host: string;
  port: number;
  /** Stops it with SIGINT (Azurite flushes its data to disk only then) and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start Azurite: on disk under `location`, or in memory (tests). */
export interface AzuriteOptions {
  location?: string;
  preferredPort?: number;
  host?: string;
}

function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

function anyFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The preferred port when it is free, otherwise any free one. */
export async function choosePort(host: string, preferred: number | undefined): Promise<number> {
  if (preferred !== undefined && (await portIsFree(host, preferred))) return preferred;
  return anyFreePort(host);
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntilListening(
  child: ChildProcess,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode} while starting`);
    if (await answers(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite did not answer on ${host}:${port} within ${timeoutMs} ms`);
}

/** Starts Azurite's table service as a child process (telemetry always off) and waits until it answers. */
export async function startAzurite(options: AzuriteOptions): Promise<EmbeddedAzurite> {
  const host = options.host ?? '127.0.0.1';
  const port = await choosePort(host, options.preferredPort);
  const bin = path.join(
    path.dirname(require.resolve('azurite/package.json')),
    'dist',
    'src',
    'table',
    'main.js',
  );
  const args = [bin, '--tableHost', host, '--tablePort', String(port), '--disableTelemetry', '--silent'];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  try {
    await waitUntilListening(child, host, port, 20_000);
  } catch (err) {
    await stopChild(child, 'SIGINT', 10_000);
    throw new Error(`${(err as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`);
  }
  const endpointFile = options.location ? path.join(options.location, ENDPOINT_FILE) : undefined;
  if (endpointFile) writeFileSync(endpointFile, JSON.stringify({ host, port }));
  return {
    host,
    port,
    stop: async () => {
      await stopChild(child, 'SIGINT', 10_000);
      if (endpointFile) rmSync(endpointFile, { force: true });
    },
  };
}

const ENDPOINT_FILE = 'endpoint.json';

/**
 * Where the embedded Azurite that keeps its data in `location` listens while a bot runs (another
 * port than 10002 when that was taken), or undefined when none is running there.
 */
export function runningAzuriteAt(location: string): { host: string; port: number } | undefined {
  try {
    return JSON.parse(readFileSync(path.join(location, ENDPOINT_FILE), 'utf8')) as {
      host: string;
      port: number;
    };
  } catch {
    return undefined;
  }
}
