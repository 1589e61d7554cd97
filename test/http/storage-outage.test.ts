import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/runtime';
import { startAzurite, type EmbeddedAzurite } from '../../src/store/azurite';
import { azuriteConnectionString } from '../../src/store/connect';
import { groupChat, invoke, user } from '../support/activities';
import { TEST_NOW } from '../support/bot-harness';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { sampleSettings } from '../support/sample-group';

/** With its storage gone, the bot stays up, says so on /healthz and answers people politely. */
describe('when storage goes away', () => {
  let azurite: EmbeddedAzurite;
  let bot: RunningBot;
  let connector: FakeConnector;

  beforeAll(async () => {
    azurite = await startAzurite({});
    connector = await startFakeConnector();
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

  it('reports 200 while storage answers and 503 once it does not, and keeps answering clicks', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    await azurite.stop();
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable' });

    const chat = groupChat(connector.serviceUrl);
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(invoke(chat, user('Karen Holm'), 'setupGroup', sampleSettings)),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: string }).value).toContain(
      'Jeg kan ikke nå mine data lige nu. Prøv igen om et øjeblik',
    );
  });
});
