import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

/** A bot process started from a build of its own. */
export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote on stderr so far (its JSON log lines). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Builds the bot into `outDir` (apart from dist/, so test files never write the same files at
 * once) and starts its entry point with `env` (PATH added) and node `flags`; resolves once it listens.
 */
export async function startBuiltBot(
  outDir: string,
  env: Record<string, string>,
  flags: string[] = [],
): Promise<BotProcess> {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root });
  const child = spawn(process.execPath, [...flags, path.join(outDir, 'src', 'index.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const listening = /kører på http:\/\/127\.0\.0\.1:(\d+)/;
  const deadline = Date.now() + 60_000;
  while (!listening.test(stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no start: ${stdout}${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port: Number(listening.exec(stdout)![1]),
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
