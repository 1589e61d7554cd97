import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/runtime';
import { startAzurite, type EmbeddedAzurite } from '../../src/store/azurite';
import { azuriteConnectionString } from '../../src/store/connect';
import { groupKeyOf } from '../../src/store/keys';
import { groupChat, invoke, user, type TestChat } from '../support/activities';
import { TEST_NOW } from '../support/bot-harness';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { sampleSettings } from '../support/sample-group';

/** With its storage gone, the bot stays up, says so on /healthz and answers people politely; then it resumes. */
describe('when storage goes away and comes back', () => {
  const location = mkdtempSync(path.join(tmpdir(), 'azurite-outage-'));
  let azurite: EmbeddedAzurite;
  let bot: RunningBot;
  let connector: FakeConnector;
  let chat: TestChat;
  const coordinator = user('Karen Holm');

  beforeAll(async () => {
    azurite = await startAzurite({ location });
    connector = await startFakeConnector();
    chat = groupChat(connector.serviceUrl);
    const config = parseConfig({
      PORT: '0',
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(azurite.host, azurite.port),
      LOG_LEVEL: 'silent',
    });
    bot = await startBot(config, createLogger('silent'), { now: () => TEST_NOW, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
    await azurite.stop();
  });

  const send = async (activity: Record<string, unknown>): Promise<{ status: number; value: unknown }> => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    return { status: res.status, value: ((await res.json()) as { value: unknown }).value };
  };

  it('answers politely within seconds while storage is down, and resumes with nothing lost', async () => {
    expect((await send(invoke(chat, coordinator, 'setupGroup', sampleSettings))).status).toBe(200);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const port = azurite.port;
    await azurite.stop();

    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable' });
    const started = Date.now();
    const refused = await send(
      invoke(chat, user('Jens Madsen'), 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }),
    );
    expect(refused.status).toBe(200);
    expect(refused.value).toContain('Jeg kan ikke få adgang til mine data lige nu. Prøv igen om et øjeblik');
    expect(Date.now() - started).toBeLessThan(10_000);

    azurite = await startAzurite({ location, preferredPort: port });
    expect(azurite.port).toBe(port);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const joined = await send(
      invoke(chat, user('Jens Madsen'), 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder' }),
    );
    expect(JSON.stringify(joined.value)).toContain('Velkommen i gruppen, Jens Madsen!');
    const group = await bot.store.loadGroup(groupKeyOf(chat.tenantId, chat.conversationId));
    expect(group?.value.name).toBe(sampleSettings.name);
    expect(group?.value.members.map((m) => m.name)).toEqual(['Jens Madsen']);
  });
});
