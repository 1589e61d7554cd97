/**
 * Production mode against a stand-in for Microsoft's key endpoints (the SDK's validation unchanged):
 * the token in the Authorization header is checked before a byte of the body is read, and a valid
 * channel token still gets its turn.
 */
import { connect } from 'node:net';
import { parseConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/runtime';
import { groupChat, invoke, user, type TestChat } from '../support/activities';
import { testConnectionString } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { startFakeOpenId, type FakeOpenId } from '../support/fake-openid';
import { capturedLog } from '../support/log-lines';

const APP_ID = '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
let bot: RunningBot;
let keys: FakeOpenId;
let connector: FakeConnector;
let chat: TestChat;
const { log, lines } = capturedLog('info');

beforeAll(async () => {
  keys = await startFakeOpenId();
  connector = await startFakeConnector();
  chat = groupChat(connector.serviceUrl);
  const config = parseConfig({
    PORT: '0',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'MultiTenant',
    BotOpenIdMetadata: keys.metadataUrl,
    LINK_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'),
    AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
  });
  bot = await startBot(config, log, { host: '127.0.0.1' });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
  await keys.close();
});

/** Sends headers and one byte of a chunked body that never ends; resolves with the answer and when the socket closed. */
function neverFinished(
  authorization: string,
): Promise<{ status: string; closed: boolean; bodyBytesSent: number }> {
  return new Promise((resolve) => {
    let status = '';
    let sent = 0;
    const socket = connect(bot.port, '127.0.0.1', () => {
      socket.write(
        `POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n` +
          `Authorization: ${authorization}\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n`,
      );
      sent = 1;
    });
    socket.on('data', (d: Buffer) => (status ||= d.toString().split('\r\n')[0]));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status, closed: true, bodyBytesSent: sent }));
  });
}

const post = (authorization: string, activity: Record<string, unknown>): Promise<Response> =>
  fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(activity),
  });

describe('the token, before the body', () => {
  it('answers 401 to any made-up token while its body is still coming, and closes the connection', async () => {
    const started = Date.now();
    const outcomes = await Promise.all(
      ['Bearer x', 'Bearer a.b.c', `Bearer ${keys.sign({ iss: 'https://evil.example' })}`, 'Basic eDp5']
        .flatMap((a) => Array.from({ length: 10 }, () => a))
        .map(neverFinished),
    );
    for (const o of outcomes)
      expect(o).toEqual({ status: 'HTTP/1.1 401 Unauthorized', closed: true, bodyBytesSent: 1 });
    // Cut off at once, not after a body timeout: the refusal needs no byte of the body.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(keys.fetches()).toBe(0);
    expect(connector.calls).toHaveLength(0);
  });

  it('lets a valid channel token through to its turn (the SDK then checks it again, with the activity)', async () => {
    const token = keys.sign(keys.channelClaims(APP_ID, connector.serviceUrl));
    const res = await post(`Bearer ${token}`, invoke(chat, user('Karen Holm'), 'openSetup'));
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('AdaptiveCard');
  });

  it('refuses a valid token for another serviceUrl or another channel (what needs the activity stays the SDK’s)', async () => {
    const elsewhere = keys.sign(keys.channelClaims(APP_ID, 'https://smba.example/other/'));
    expect((await post(`Bearer ${elsewhere}`, invoke(chat, user('Mallory'), 'openSetup'))).status).toBe(401);
    const token = keys.sign(keys.channelClaims(APP_ID, connector.serviceUrl));
    const slack = { ...invoke(chat, user('Mallory'), 'openSetup'), channelId: 'slack' };
    expect((await post(`Bearer ${token}`, slack)).status).toBe(401);
    expect(lines.join('\n')).not.toMatch(/BEGIN PUBLIC KEY|\n\s+at /);
  });
});
