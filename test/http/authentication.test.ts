import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/runtime';
import { testConnectionString } from '../support/azurite';
import { groupChat, invoke, user } from '../support/activities';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

/** With MicrosoftAppId set, only requests with a valid Bot Framework token get in. */
describe('authentication in production mode', () => {
  let bot: RunningBot;
  let connector: FakeConnector;

  beforeAll(async () => {
    connector = await startFakeConnector();
    const config = parseConfig({
      PORT: '0',
      MicrosoftAppId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      LINK_SIGNING_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
    });
    bot = await startBot(config, createLogger('silent'), { host: '127.0.0.1' });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  const post = (headers: Record<string, string>) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(
        invoke(groupChat(connector.serviceUrl), user('Mallory'), 'setupGroup', {
          name: 'x',
          association: 'y',
          area: 'z',
        }),
      ),
    });

  it('answers 401 to a request without a token, and does nothing', async () => {
    expect((await post({})).status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('answers 401 to a garbage token', async () => {
    expect((await post({ authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    expect((await post({ authorization: 'Basic bWFsbG9yeTpzZWNyZXQ=' })).status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('still answers /healthz without a token', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
