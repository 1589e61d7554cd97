import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { groupChat, invoke, mention, user } from '../support/activities';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { attachedCard, cardText } from '../support/cards';
import { sampleSettings } from '../support/sample-group';
import { clickAs } from '../../scripts/act-as';
import sample from '../fixtures/sample-group.da.json';
import { KAREN, PLAYGROUND_TENANT_ID } from '../../scripts/playground-people';
import { runningAzuriteAt } from '../../src/store/azurite';
import { azuriteConnectionString, openTableStore } from '../../src/store/connect';
import { groupKeyOf } from '../../src/store/keys';

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

/** The live processes (zombies excluded) of the session that `sessionId` leads, whatever their command line. */
function processesInSession(sessionId: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return state !== 'Z' && Number(session) === sessionId;
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

/** Every bot a test started: a failing test must not leave one running (jest would wait for it). */
const children: ChildProcess[] = [];

/** Starts the bot's entry point, or with `viaNpm` `npm start` as a service manager would (dist is built already). */
async function startEntry(env: Record<string, string>, viaNpm = false): Promise<Started> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const [command, args] = viaNpm ? ['npm', ['start', '--ignore-scripts']] : [process.execPath, [entry]];
  // `npm start` leads a session of its own, so that every process it starts can be counted.
  const child = spawn(command, args, {
    cwd: root,
    detached: viaNpm,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
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
/** The coordinator's steps whose cards the outbox posts after the turn. */
const STEPS = new Set(['startMeeting', 'reveal', 'startVoting', 'endVoting', 'closeMeeting']);

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
  afterEach(async () => {
    const running = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of running) c.kill('SIGTERM');
    await Promise.all(running.map((c) => exited(c)));
  });

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
    const posted = connector.posts().length;
    await post(second.port, mention(chat, coordinator, 'status'));
    // The answer to a message is sent after its turn (and the group card, if the first process
    // stopped before it was out, comes from the outbox too): wait for the answer.
    const texts = (): string[] =>
      connector
        .posts()
        .slice(posted)
        .map((p) =>
          p.activity.attachments ? cardText(attachedCard(p.activity)) : String(p.activity.text ?? ''),
        );
    for (let waited = 0; !texts().some((t) => t.includes('Status for')) && waited < 10_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    expect(texts().find((t) => t.includes('Status for'))).toContain('Status for Erfaringsgruppe Søbakken');
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 90_000);

  it('SIGTERM to the npm start process stops its whole process tree within 3 s, keeps 50 writes, and links still open', async () => {
    const npmDir = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-npm-'));
    const playgroundPort = await freePort();
    const first = await startEntry(
      { DATA_DIR: npmDir, PLAYGROUND_PORT: String(playgroundPort), REMINDERS: 'off' },
      true,
    );
    const chat = groupChat(connector.serviceUrl);
    const post = async (activity: Record<string, unknown>): Promise<number> =>
      (
        await fetch(`http://127.0.0.1:${first.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        })
      ).status;
    const karen = user('Karen Holm');
    expect(await post(invoke(chat, karen, 'setupGroup', sampleSettings))).toBe(200);
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const invitation = {
      meeting: 1,
      date,
      start: '13:00',
      end: '15:00',
      location: 'Beboerhuset',
      text: 'Hej',
    };
    expect(await post(invoke(chat, karen, 'saveInvitation', invitation))).toBe(200);
    // The invitation card is posted after the turn (by the instance that sends for the tenant).
    const linkIn = /"(http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/meeting\.ics\?token=[^"]+)"/;
    let calendarLink: string | undefined;
    for (let k = 0; k < 100 && !calendarLink; k++) {
      calendarLink = linkIn.exec(JSON.stringify(connector.posts().map((p) => p.activity)))?.[1];
      if (!calendarLink) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!calendarLink) throw new Error('the invitation card with its calendar link was not posted');
    expect((await fetch(calendarLink)).status).toBe(200);
    // 50 groups set up in 50 chats, the last one answered just before the signal.
    const chats = Array.from({ length: 50 }, () => groupChat(connector.serviceUrl));
    for (const other of chats)
      expect(await post(invoke(other, karen, 'setupGroup', sampleSettings))).toBe(200);

    // npm, the bot and its Azurite, all counted by pid: none may be left 3 s after the signal, even
    // with clients (a health probe, clicks) keeping their connections alive until the end.
    const tree = first.child.pid!;
    expect(processesInSession(tree).length).toBeGreaterThanOrEqual(3);
    let probing = true;
    const probes = Array.from({ length: 4 }, async () => {
      while (probing)
        await fetch(`http://127.0.0.1:${first.port}/healthz`)
          .then((r) => r.arrayBuffer())
          .catch(() => (probing = false));
    });
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGTERM');
    const code = exited(first.child);
    await new Promise((r) => setTimeout(r, 3000));
    expect(processesInSession(tree)).toEqual([]);
    probing = false;
    await Promise.all(probes);
    expect(await code).toBe(0);
    expect(processesMentioning(npmDir)).toEqual([]);
    expect(processesMentioning(`-p\u0000${playgroundPort}`)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${first.port}/healthz`)).rejects.toThrow();

    const second = await startEntry({ DATA_DIR: npmDir, PLAYGROUND: 'off', PORT: String(first.port) }, true);
    const azurite = runningAzuriteAt(path.join(npmDir, 'azurite'))!;
    const store = await openTableStore({
      connectionString: azuriteConnectionString(azurite.host, azurite.port),
    });
    for (const other of chats) {
      const group = await store.loadGroup(groupKeyOf(other.tenantId, other.conversationId));
      expect(group?.value.name).toBe(String(sampleSettings.name));
      expect(group?.value.name.length).toBeGreaterThan(3);
    }
    const ics = await fetch(calendarLink);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
    expect(processesMentioning(npmDir)).toEqual([]);
  }, 120_000);

  it("npm run members plays the colleagues through the README's meeting", async () => {
    const membersDir = mkdtempSync(path.join(tmpdir(), 'erfaringsgruppe-members-'));
    const bot = await startEntry({ DATA_DIR: membersDir, PLAYGROUND: 'off' });
    const chat = {
      serviceUrl: connector.serviceUrl,
      conversation: {
        id: groupChat(connector.serviceUrl, PLAYGROUND_TENANT_ID).conversationId,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: PLAYGROUND_TENANT_ID,
      },
      bot: { id: '28:erfaringsgruppe-bot', name: 'Erfaringsgruppe' },
    };
    const botUrl = `http://127.0.0.1:${bot.port}`;
    const karen = async (verb: string, data: Record<string, unknown>): Promise<string> => {
      const answer = await clickAs(botUrl, chat, KAREN, verb, data);
      expect(answer.status).toBe(200);
      // A step's cards go out after the turn (the outbox); the next step waits until they are out,
      // as the coordinator does: their status card offers it only then.
      if (STEPS.has(verb)) await cardsOut(Number(data.meeting));
      return answer.body;
    };
    const cardsOut = async (meeting: number): Promise<void> => {
      for (let tries = 0; tries < 150; tries++) {
        const status = await clickAs(botUrl, chat, KAREN, 'refresh', { meeting });
        if (!status.body.includes('på vej til gruppen')) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the cards of meeting ${meeting} were not posted`);
    };
    const members = async (...args: string[]): Promise<string[]> => {
      const run = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'members.js'), ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: membersDir, PORT: String(bot.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      run.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      run.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      expect(await exited(run)).toBe(0);
      return output.trim().split('\n');
    };

    await karen('setupGroup', sampleSettings);
    expect(await members('join', '--only=jens,aisha')).toEqual([
      'Jens Madsen: joinGroup → 200 – ok',
      'Aisha Yilmaz: joinGroup → 200 – ok',
    ]);
    const groupCard = await karen('refresh', {});
    expect(groupCard).toContain('Jens Madsen – Projektleder, renovering');
    expect(groupCard).toContain('Aisha Yilmaz – Boligsocial medarbejder');

    const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await karen('saveInvitation', {
      meeting: 1,
      date,
      start: '14:00',
      end: '16:00',
      location: 'Beboerhuset',
      text: 'Hej [dato]',
    });
    expect(await members('rsvp', '1', '--only=jens,aisha')).toEqual([
      'Jens Madsen: rsvp → 200 – ok',
      'Aisha Yilmaz: rsvp → 200 – ok',
    ]);
    await karen('joinGroup', { roleCategory: 'imellem', roleTitle: 'Projektmedarbejder' });
    await karen('startMeeting', { meeting: 1 });
    expect(await members('answer', '1', '--only=jens,aisha')).toEqual([
      'Jens Madsen: submitAnswer → 200 – ok',
      'Aisha Yilmaz: submitAnswer → 200 – ok',
    ]);
    expect(await karen('refresh', { meeting: 1 })).toContain('2 af 3 har delt deres svar');
    await karen('reveal', { meeting: 1 });
    await karen('startVoting', { meeting: 1 });
    expect(await members('vote', '1', '--only=jens,aisha')).toEqual([
      'Jens Madsen: vote → 200 – ok',
      'Aisha Yilmaz: vote → 200 – ok',
    ]);
    await karen('endVoting', { meeting: 1 });
    await karen('closeMeeting', { meeting: 1, agreements: 'Fælles morgenmøde hver tirsdag.' });
    const summary = await karen('summary', { meeting: 1 });
    for (const advice of [...sample.meetings[0].answers.jens, ...sample.meetings[0].answers.aisha])
      expect(summary).toContain(advice);
    expect(summary).toMatch(/1\. [^"]*\(valgt af \d\)/);

    bot.child.kill('SIGTERM');
    expect(await exited(bot.child)).toBe(0);
    const after = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'members.js'), 'join'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: membersDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    after.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exited(after)).toBe(1);
    expect(stderr).toContain('npm start');
  }, 90_000);
});
