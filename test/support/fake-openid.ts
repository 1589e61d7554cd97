import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of tokens the Bot Framework channel sends (AuthenticationConstants.ToBotFromChannelTokenIssuer). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * A stand-in for Microsoft's Bot Framework key endpoints (the OpenID metadata and its JWKS), with
 * one RSA key under `kid`, endorsed for msteams: what the bot fetches to check channel tokens.
 */
export interface FakeOpenId {
  /** The BotOpenIdMetadata URL to configure the bot with. */
  metadataUrl: string;
  kid: string;
  /** The published key, as PEM (what an attacker can read). */
  publicPem: string;
  /** A token signed with the published key (RS256), or with `key` instead. */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>, key?: KeyObject): string;
  /** A channel token for the bot: issuer, audience, serviceUrl, five minutes of life. */
  channelClaims(appId: string, serviceUrl: string): Record<string, unknown>;
  /** How many times the keys were fetched. */
  fetches(): number;
  close(): Promise<void>;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `header.payload` with RS256 (or HS256 with `secret`): any token an attacker could make. */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject | Buffer,
): string {
  const body = `${b64(header)}.${b64(payload)}`;
  if (Buffer.isBuffer(key)) return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

/** Starts the key endpoints on a free loopback port. */
export async function startFakeOpenId(): Promise<FakeOpenId> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'fake-channel-key';
  const jwk = publicKey.export({ format: 'jwk' });
  let fetches = 0;
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/keys` }));
    } else if (req.url === '/v1/keys') {
      fetches++;
      res.end(JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    kid,
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign: (claims, header = {}, key = privateKey) =>
      signJwt({ alg: 'RS256', typ: 'JWT', kid, ...header }, claims, key),
    channelClaims: (appId, serviceUrl) => {
      const now = Math.floor(Date.now() / 1000);
      return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 10, exp: now + 300 };
    },
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
