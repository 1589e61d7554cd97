/**
 * Issue 23 points 1–2: the bot process is killed (SIGKILL) while it posts the cards of 20
 * meetings started at once; started again on the same storage, it finds what the durable outbox
 * still holds and posts it: every started meeting has its status card and its answer card in its
 * chat, and its status card's id is stored. A click whose answer the kill cut off is sent again,
 * as Teams does.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { groupChat, invoke, user, type TestChat, type TestUser } from '../support/activities';
import { testConnectionString } from '../support/azurite';
import { startBuiltBot, type BotProcess } from '../support/bot-process';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { sampleSettings } from '../support/sample-group';
import { openTableStore } from '../../src/store/connect';
import { groupKeyOf } from '../../src/store/keys';

jest.setTimeout(400_000);

const root = path.join(__dirname, '..', '..');
/** Built apart from dist/ so this file and others never write the same files at once. */
const outDir = path.join(root, '.cache', 'outbox-crash-dist');
const GROUPS = 20;

interface Chat {
  chat: TestChat;
  coordinator: TestUser;
}

async function post(port: number, activity: Record<string, unknown>): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

const isStepCard = (p: { activity: Record<string, unknown> }): boolean =>
  /Skriv jeres svar til møde 1|Her skriver du dine svar/.test(String(p.activity.summary ?? ''));

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a bot killed while it posts the cards of 20 meetings started at once', () => {
  let connector: FakeConnector;
  let bot: BotProcess | undefined;
  const env = (): Record<string, string> => ({
    AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
    PORT: '0',
    PLAYGROUND: 'off',
    REMINDERS: 'off',
    LOG_LEVEL: 'info',
  });

  beforeAll(async () => {
    // Every call takes a while, so the kill lands while cards are still on their way.
    connector = await startFakeConnector({ latencyMs: 150 });
  });
  afterAll(async () => {
    await bot?.stop();
    await connector.close();
  });

  it('posts every started meeting’s cards after a restart', async () => {
    bot = await startBuiltBot(outDir, env());
    const tenantId = randomUUID();
    const chats: Chat[] = Array.from({ length: GROUPS }, () => ({
      chat: groupChat(connector.serviceUrl, tenantId),
      coordinator: user('Karen Holm'),
    }));
    await Promise.all(
      chats.map(async ({ chat, coordinator }) => {
        const port = bot!.port;
        expect(await post(port, invoke(chat, coordinator, 'setupGroup', sampleSettings))).toBe(200);
        for (const name of ['Jens Madsen', 'Aisha Yilmaz', 'Søren Østergaard'])
          await post(
            port,
            invoke(chat, user(name), 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Driftsleder' }),
          );
      }),
    );
    const before = connector.attempts.length;
    const port = bot.port;
    const answered = chats.map(({ chat, coordinator }) =>
      post(port, invoke(chat, coordinator, 'startMeeting', { meeting: 1 })).catch(() => 0),
    );
    const stepCards = (): number => connector.attempts.slice(before).filter(isStepCard).length;
    await until('the first cards to reach Teams', () => stepCards() >= 3, 60_000);
    const killed = bot;
    bot = undefined;
    const exited = new Promise((r) => killed.child.once('exit', r));
    killed.child.kill('SIGKILL');
    await exited;
    const statuses = await Promise.all(answered);
    const postedBeforeKill = connector.posts().filter(isStepCard).length;
    // The kill came in the middle: some meetings' cards were out, not all.
    expect(postedBeforeKill).toBeGreaterThan(0);
    expect(postedBeforeKill).toBeLessThan(2 * GROUPS);

    bot = await startBuiltBot(outDir, env());
    const restarted = bot;
    // Teams sends a click again when it got no answer.
    for (const [k, status] of statuses.entries())
      if (status !== 200)
        await post(
          restarted.port,
          invoke(chats[k].chat, chats[k].coordinator, 'startMeeting', { meeting: 1 }),
        );

    const store = await openTableStore({ connectionString: testConnectionString() });
    const keys = chats.map(({ chat }) => groupKeyOf(tenantId, chat.conversationId));
    const stored = async (): Promise<(string | undefined)[]> =>
      Promise.all(keys.map(async (key) => (await store.loadMeeting(key, 1))?.value.statusCardId));
    await until('every status card id to be stored', async () => (await stored()).every(Boolean), 90_000);

    const ids = await stored();
    for (const [k, { chat }] of chats.entries()) {
      const posts = connector.posts().filter((p) => p.conversationId === chat.conversationId);
      const summaries = posts.map((p) => String(p.activity.summary ?? ''));
      expect(posts.map((p) => p.id)).toContain(ids[k]);
      expect(summaries).toContain('Her skriver du dine svar til møde 1');
      expect((await store.loadMeeting(keys[k], 1))?.value.status).toBe('running');
      expect(await store.pendingSteps(keys[k])).toEqual([]);
    }
    // Only a card in flight at the kill (at most one per chat) is posted twice (docs/storage.md, "The outbox").
    const cards = connector
      .posts()
      .filter((p) => chats.some((c) => c.chat.conversationId === p.conversationId));
    const steps = cards.filter((p) =>
      /Skriv jeres svar til møde 1|Her skriver du dine svar/.test(String(p.activity.summary ?? '')),
    );
    expect(steps.length).toBeGreaterThanOrEqual(2 * GROUPS);
    expect(steps.length - 2 * GROUPS).toBeLessThanOrEqual(GROUPS);
    expect(postedBeforeKill).toBeGreaterThan(0);
  });
});
