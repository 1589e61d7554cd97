/**
 * Production mode against a stand-in for Microsoft's key endpoints (the SDK's validation unchanged):
 * the token in the Authorization header is checked before a byte of the body is read, and a valid
 * channel token still gets its turn.
 */
import { generateKeyPairSync } from 'node:crypto';
import { connect } from 'node:net';
import { parseConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/runtime';
import { groupChat, invoke, user, type TestChat } from '../support/activities';
import { testConnectionString } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { signJwt, startFakeOpenId, type FakeOpenId } from '../support/fake-openid';
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

describe('forged tokens', () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const claims = (): Record<string, unknown> => keys.channelClaims(APP_ID, connector.serviceUrl);
  const now = (): number => Math.floor(Date.now() / 1000);
  const forged: [string, () => string][] = [
    ['signed with another key under the real kid', () => keys.sign(claims(), {}, other)],
    [
      'alg none',
      () =>
        `${signJwt({ alg: 'none', typ: 'JWT', kid: keys.kid }, claims(), Buffer.alloc(0)).split('.').slice(0, 2).join('.')}.`,
    ],
    [
      'HS256 with the published public key as the secret',
      () => signJwt({ alg: 'HS256', typ: 'JWT', kid: keys.kid }, claims(), Buffer.from(keys.publicPem)),
    ],
    [
      'a tampered payload under a real signature',
      () => {
        const [header, , signature] = keys.sign(claims()).split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims(), appid: 'x' })).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    ['valid from an hour from now', () => keys.sign({ ...claims(), nbf: now() + 3600, exp: now() + 7200 })],
    ['expired an hour ago', () => keys.sign({ ...claims(), nbf: now() - 7200, exp: now() - 3600 })],
    ['for another app', () => keys.sign({ ...claims(), aud: '0f0f0f0f-0000-4000-8000-000000000000' })],
  ];

  it.each(forged)('%s: 401 with a generic body, one warning line, no stack, no key', async (_what, make) => {
    const printed: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const consoleError = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    const before = lines.length;
    try {
      const res = await post(`Bearer ${make()}`, invoke(chat, user('Mallory'), 'openSetup'));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    } finally {
      stderr.mockRestore();
      consoleError.mockRestore();
    }
    const logged = lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, event: 'http.refused', status: 401 });
    expect(JSON.stringify(logged)).not.toMatch(/BEGIN|PUBLIC KEY|stack|\bat /);
    expect(printed).toEqual([]);
    expect(connector.calls).toHaveLength(0);
  });
});
