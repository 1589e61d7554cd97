import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { groupChat, invoke, mention, user } from '../support/activities';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';

const root = path.join(__dirname, '..', '..');
const entry = path.join(root, 'dist', 'src', 'index.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface Started {
  child: ChildProcess;
  output: () => string;
  port: number;
}

async function startEntry(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`the bot exited early: ${output}`);
    if (Date.now() > deadline) throw new Error(`the bot did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output, port };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));
}

/** `npm start`'s entry point as a real process: start-up, the emulator, signals, data kept on disk. */
describe('the bot as a process', () => {
  let connector: FakeConnector;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-data-'));

  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      { cwd: root },
    );
    connector = await startFakeConnector();
  }, 120_000);
  afterAll(() => connector.close());

  it('refuses a bad setting with one line naming the variable', async () => {
    const child = spawn(process.execPath, [entry], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TIME_ZONE: 'Europe/Kbh' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exited(child)).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Configuration error: TIME_ZONE \(got "Europe\/Kbh"\)/),
    ]);
  });

  it('starts storage, bot and emulator, and SIGTERM leaves nothing running', async () => {
    const playgroundPort = await freePort();
    const bot = await startEntry({ DATA_DIR: dataDir, PLAYGROUND_PORT: String(playgroundPort) });
    expect(bot.output()).toContain(`http://localhost:${playgroundPort}`);
    expect(bot.output()).toContain('Group Chat');
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);
    let page = 0;
    for (let i = 0; i < 50 && page !== 200; i++) {
      page = await fetch(`http://127.0.0.1:${playgroundPort}/`)
        .then((r) => r.status)
        .catch(() => 0);
      if (page !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(page).toBe(200);
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    expect(processesMentioning(`-p\u0000${playgroundPort}`).length).toBeGreaterThan(0);

    bot.child.kill('SIGTERM');
    expect(await exited(bot.child)).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(processesMentioning(`-p\u0000${playgroundPort}`)).toEqual([]);
  }, 90_000);

  it('keeps what was stored in embedded storage across a Ctrl-C and a new start', async () => {
    const chat = groupChat(connector.serviceUrl);
    const coordinator = user('Karen Holm');
    const first = await startEntry({ DATA_DIR: dataDir, PLAYGROUND: 'off' });
    const post = (port: number, activity: Record<string, unknown>): Promise<Response> =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    expect((await post(first.port, invoke(chat, coordinator, 'setupGroup', sampleSettings))).status).toBe(
      200,
    );
    first.child.kill('SIGINT');
    expect(await exited(first.child)).toBe(0);

    const second = await startEntry({ DATA_DIR: dataDir, PLAYGROUND: 'off' });
    await post(second.port, mention(chat, coordinator, 'status'));
    expect(cardText(attachedCard(connector.posts().at(-1)!.activity))).toContain(
      'Status for Erfaringsgruppe Søbakken',
    );
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 90_000);
});
