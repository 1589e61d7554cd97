import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { entraTokenVerifier, localLinks, TokenRejectedError } from '../../src/web/tab-tokens';

const APP_ID = '3f1c2a44-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const TENANT = '00000000-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-26T10:00:00Z');
const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

let entraKey: KeyLike;
let strangerKey: KeyLike;
let verify: (token: string) => Promise<unknown>;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const entra = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  entraKey = entra.privateKey;
  strangerKey = stranger.privateKey;
  const jwk = { ...(await exportJWK(entra.publicKey)), kid: 'entra-1', alg: 'RS256', use: 'sig' };
  keys = createLocalJWKSet({ keys: [jwk] });
  verify = entraTokenVerifier({
    appId: APP_ID,
    domain: 'erfaringsgruppe.example',
    allowedTenants: [],
    keys,
    now: () => NOW,
  });
});

/** A Teams SSO token as Entra ID issues it (v2), with `change` applied. */
function ssoToken(change: JWTPayload = {}, key: KeyLike = entraKey): Promise<string> {
  const claims: JWTPayload = {
    aud: APP_ID,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: '00000000-0000-4000-8000-000000000021',
    name: 'Jens Madsen',
    iat: seconds(NOW) - 60,
    nbf: seconds(NOW) - 60,
    exp: seconds(NOW) + 3600,
    ...change,
  };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'entra-1', typ: 'JWT' }).sign(key);
}

describe('Teams SSO tokens for the overview', () => {
  it('accepts a token Entra ID issued for this app, and says who it is', async () => {
    await expect(verify(await ssoToken())).resolves.toEqual({
      tenantId: TENANT,
      userId: '00000000-0000-4000-8000-000000000021',
      name: 'Jens Madsen',
    });
    const v1 = await ssoToken({
      aud: `api://erfaringsgruppe.example/${APP_ID}`,
      iss: `https://sts.windows.net/${TENANT}/`,
    });
    await expect(verify(v1)).resolves.toMatchObject({ tenantId: TENANT });
  });

  it.each([
    ['the wrong audience', { aud: 'some-other-app' }],
    [
      'an issuer of another tenant',
      { iss: 'https://login.microsoftonline.com/00000000-0000-4000-8000-00000000dead/v2.0' },
    ],
    ['an issuer that is not Entra ID', { iss: 'https://evil.example/' }],
    ['expiry in the past', { exp: seconds(NOW) - 120, iat: seconds(NOW) - 7200, nbf: seconds(NOW) - 7200 }],
    ['no user', { oid: undefined }],
  ])('refuses a token with %s', async (_what, change) => {
    await expect(verify(await ssoToken(change as JWTPayload))).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('refuses a token signed by another key under the same key id', async () => {
    await expect(verify(await ssoToken({}, strangerKey))).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('refuses a local link token: production never accepts them', async () => {
    const local = await localLinks(() => NOW).sign('g-abc', TENANT, 'u1');
    await expect(verify(local)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('refuses tenants that are not allowed when ALLOWED_TENANTS is set', async () => {
    const only = (tenant: string) =>
      entraTokenVerifier({ appId: APP_ID, allowedTenants: [tenant], keys, now: () => NOW });
    const token = await ssoToken();
    await expect(only('00000000-0000-4000-8000-00000000beef')(token)).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
    await expect(only(TENANT)(token)).resolves.toMatchObject({ tenantId: TENANT });
  });
});

describe('local links (local mode only)', () => {
  it('open one group until they expire, and cannot be forged or altered', async () => {
    let now = NOW;
    const links = localLinks(() => now);
    const token = await links.sign('g-abc', TENANT, 'u1', 3600);
    await expect(links.verify(token)).resolves.toMatchObject({ onlyGroup: 'g-abc', tenantId: TENANT });

    const [payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, grp: 'g-other' })).toString('base64url');
    await expect(links.verify(`${altered}.${signature}`)).rejects.toBeInstanceOf(TokenRejectedError);
    await expect(localLinks(() => NOW).verify(token)).rejects.toBeInstanceOf(TokenRejectedError);

    now = new Date(NOW.getTime() + 2 * 3600 * 1000);
    await expect(links.verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  });
});
