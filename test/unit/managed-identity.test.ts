import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { botFrameworkOptions, createAdapter } from '../../src/bot/adapter';
import { ConfigError, parseConfig } from '../../src/config';
import { capturedLog } from '../support/log-lines';

const MSI_CLIENT_ID = '5b0c7d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';
const TENANT = '11111111-2222-4333-8444-555555555555';
const SSO_APP_ID = '9e8d7c6b-5a49-4382-9176-a5b4c3d2e1f0';
const KEY = Buffer.alloc(32, 7).toString('base64');

/** The settings infra/main.bicep gives the web app (no MicrosoftAppPassword anywhere). */
const deployed = {
  MicrosoftAppId: MSI_CLIENT_ID,
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: TENANT,
  SSO_APP_ID,
  AZURE_STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
  LINK_SIGNING_KEY: KEY,
};

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
}

function listen(handle: (req: IncomingMessage, seen: Seen[]) => { status: number; body: unknown }): Promise<{
  server: Server;
  url: string;
  seen: Seen[];
}> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const { status, body } = handle(req, seen);
      // Not chained: restify, loaded by other tests in this worker, replaces writeHead with one that returns nothing.
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

/** A stand-in for App Service's identity endpoint: a token for the managed identity, valid an hour. */
function identityEndpoint(): ReturnType<typeof listen> {
  return listen((req) => ({
    status: req.headers['x-identity-header'] === 'header-secret' ? 200 : 401,
    body: {
      access_token: 'msi-token-for-the-connector',
      expires_on: String(Math.floor(Date.now() / 1000) + 3600),
      resource: 'https://api.botframework.com',
      token_type: 'Bearer',
      client_id: MSI_CLIENT_ID,
    },
  }));
}

/**
 * The deployed bot has no client secret: its identity is a user-assigned managed identity
 * (`MicrosoftAppType=UserAssignedMSI`), whose tokens come from App Service's identity endpoint.
 * These drive botbuilder 4.23.3's own credential path against stand-ins for that endpoint and for
 * the Bot Connector, on loopback.
 */
describe('the bot signed in with a user-assigned managed identity', () => {
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
  afterEach(() => {
    process.env.IDENTITY_ENDPOINT = saved.endpoint;
    process.env.IDENTITY_HEADER = saved.header;
    if (saved.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT;
    if (saved.header === undefined) delete process.env.IDENTITY_HEADER;
  });

  it('accepts the deployed settings: the managed identity is the bot, the SSO app is the tab audience', () => {
    const config = parseConfig(deployed);
    expect(config.auth).toEqual({
      appId: MSI_CLIENT_ID,
      appPassword: undefined,
      appType: 'UserAssignedMSI',
      tenantId: TENANT,
    });
    expect(config.ssoAppId).toBe(SSO_APP_ID);
    expect(botFrameworkOptions(config)).toMatchObject({
      MicrosoftAppId: MSI_CLIENT_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: TENANT,
    });
    expect(botFrameworkOptions(config).MicrosoftAppPassword).toBeUndefined();
  });

  it.each([
    [
      'without a tenant',
      { MicrosoftAppTenantId: '' },
      /^Configuration error: MicrosoftAppTenantId .*UserAssignedMSI/,
    ],
    [
      'with a password',
      { MicrosoftAppPassword: 'x' },
      /^Configuration error: MicrosoftAppPassword .*must be empty/,
    ],
    ['without the SSO app', { SSO_APP_ID: '' }, /^Configuration error: SSO_APP_ID .*single sign-on/],
  ])('refuses to start %s, naming the variable', (_case, change, message) => {
    expect(() => parseConfig({ ...deployed, ...change })).toThrow(ConfigError);
    expect(() => parseConfig({ ...deployed, ...change })).toThrow(message);
  });

  it("sends to Teams with a token from App Service's identity endpoint for the identity's client id", async () => {
    const identity = await identityEndpoint();
    const connector = await listen(() => ({ status: 201, body: { id: 'activity-1' } }));
    try {
      process.env.IDENTITY_ENDPOINT = `${identity.url}/msi/token`;
      process.env.IDENTITY_HEADER = 'header-secret';
      const adapter = createAdapter(parseConfig(deployed), capturedLog('info').log);
      let sent: string | undefined;
      await adapter.continueConversationAsync(
        MSI_CLIENT_ID,
        {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: { id: '19:chat@thread.v2', isGroup: true, conversationType: 'groupChat', name: '' },
          bot: { id: `28:${MSI_CLIENT_ID}`, name: 'Erfaringsgruppe' },
        },
        async (context) => {
          sent = (await context.sendActivity('Hej'))?.id;
        },
      );
      expect(sent).toBe('activity-1');
      const asked = new URL(identity.seen[0].url, identity.url);
      expect(asked.searchParams.get('client_id')).toBe(MSI_CLIENT_ID);
      expect(asked.searchParams.get('resource')).toMatch(/^https:\/\/api\.botframework\.com/);
      const post = connector.seen.find((s) => s.url.includes('/v3/conversations/'));
      expect(post?.headers.authorization).toBe('Bearer msi-token-for-the-connector');
    } finally {
      identity.server.close();
      connector.server.close();
    }
  });

  it('reuses one connector client per service URL, each send still signed with a token from the identity endpoint', async () => {
    const identity = await identityEndpoint();
    const first = await listen(() => ({ status: 201, body: { id: 'activity-1' } }));
    const second = await listen(() => ({ status: 201, body: { id: 'activity-2' } }));
    try {
      process.env.IDENTITY_ENDPOINT = `${identity.url}/msi/token`;
      process.env.IDENTITY_HEADER = 'header-secret';
      const adapter = createAdapter(parseConfig(deployed), capturedLog('info').log);
      const clients: unknown[] = [];
      const send = (serviceUrl: string): Promise<void> =>
        adapter.continueConversationAsync(
          MSI_CLIENT_ID,
          {
            channelId: 'msteams',
            serviceUrl,
            conversation: { id: '19:chat@thread.v2', isGroup: true, conversationType: 'groupChat', name: '' },
            bot: { id: `28:${MSI_CLIENT_ID}`, name: 'Erfaringsgruppe' },
          },
          async (context) => {
            clients.push(context.turnState.get(adapter.ConnectorClientKey));
            await context.sendActivity('Hej');
          },
        );
      await send(first.url);
      await send(first.url);
      await send(second.url);
      expect(clients[1]).toBe(clients[0]);
      expect(clients[2]).not.toBe(clients[0]);
      const posts = (s: Seen[]): unknown[] =>
        s.filter((x) => x.url.includes('/v3/conversations/')).map((x) => x.headers.authorization);
      const signed = 'Bearer msi-token-for-the-connector';
      expect(posts(first.seen)).toEqual([signed, signed]);
      expect(posts(second.seen)).toEqual([signed]);
    } finally {
      identity.server.close();
      first.server.close();
      second.server.close();
    }
  });
});
