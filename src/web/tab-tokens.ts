import { randomBytes } from 'node:crypto';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { readToken, signToken, type VerifyKeys } from '../lib/signed-token';

/** Who is asking for an overview, as proven by their token. */
export interface TabUser {
  tenantId: string;
  userId: string;
  name?: string;
  /** Local links open exactly one group, named in the token. */
  onlyGroup?: string;
}

/** A token that does not prove who the caller is (the API answers 401). */
export class TokenRejectedError extends Error {
  constructor(reason: string) {
    super(`token rejected: ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

/** Entra ID's published signing keys (all tenants). */
export const ENTRA_KEYS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** What a Teams SSO token must be issued for. */
export interface EntraTokenOptions {
  /** The client id of the Entra app the tab signs in to (SSO_APP_ID, or the bot's MicrosoftAppId). */
  appId: string;
  /** The public host of the tab, for the `api://<domain>/<appId>` audience. */
  domain?: string;
  /** When not empty, only these tenants. */
  allowedTenants: readonly string[];
  /** Entra ID's keys; tests pass their own. */
  keys?: JWTVerifyGetKey;
  now?: () => Date;
}

const claim = (payload: JWTPayload, name: string): string | undefined => {
  const v = payload[name];
  return typeof v === 'string' && v ? v : undefined;
};

/**
 * Verifies a Teams SSO token (`authentication.getAuthToken()`): RS256 signature against Entra ID's
 * keys, audience (the app id or `api://domain/appId`), expiry, and an issuer of the token's own tenant
 * (v1 or v2 endpoint). Returns the user; throws TokenRejectedError otherwise.
 */
export function entraTokenVerifier(options: EntraTokenOptions): (token: string) => Promise<TabUser> {
  const audience = [options.appId, ...(options.domain ? [`api://${options.domain}/${options.appId}`] : [])];
  let keys = options.keys;
  return async (token) => {
    // jose is loaded on the first tab request, not in every bot process turn (~9 MB).
    const { createRemoteJWKSet, jwtVerify } = await import('jose');
    keys ??= createRemoteJWKSet(new URL(ENTRA_KEYS_URL));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        audience,
        algorithms: ['RS256'],
        clockTolerance: 60,
        currentDate: options.now?.(),
      }));
    } catch (err) {
      throw new TokenRejectedError(err instanceof Error ? err.message : String(err));
    }
    const tenantId = claim(payload, 'tid');
    const userId = claim(payload, 'oid');
    if (!tenantId || !userId) throw new TokenRejectedError('no tenant or user in the token');
    const issuers = [
      `https://login.microsoftonline.com/${tenantId}/v2.0`,
      `https://sts.windows.net/${tenantId}/`,
    ];
    if (!payload.iss || !issuers.includes(payload.iss)) throw new TokenRejectedError('unexpected issuer');
    if (options.allowedTenants.length && !options.allowedTenants.includes(tenantId))
      throw new TokenRejectedError('tenant not allowed');
    return { tenantId, userId, name: claim(payload, 'name') };
  };
}

const LOCAL_PURPOSE = 'overview';

/** Short-lived links to one group's overview, for local mode (the playground has no tabs). */
export interface LocalLinks {
  /** A signed token that opens `groupKey` for `ttlSeconds`, with the rights of `asker` (their Entra id). */
  sign(groupKey: string, tenantId: string, asker: string, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<TabUser>;
}

/** Who a local link from before links named their asker opens as: nobody's rights but a member's. */
const NO_ASKER = 'local-link';

/** Local links signed with `key` (LINK_SIGNING_KEY or the one kept under DATA_DIR); `verifyKeys` add a previous key. */
export function localLinks(
  now: () => Date = () => new Date(),
  key: Uint8Array = randomBytes(32),
  verifyKeys: VerifyKeys = key,
): LocalLinks {
  return {
    async sign(groupKey, tenantId, asker, ttlSeconds = 3600) {
      const expires = new Date(now().getTime() + ttlSeconds * 1000);
      return signToken({ use: LOCAL_PURPOSE, grp: groupKey, tid: tenantId, uid: asker }, key, expires);
    },
    async verify(token) {
      const claims = readToken(token, verifyKeys, now());
      if (claims?.use !== LOCAL_PURPOSE || typeof claims.grp !== 'string' || typeof claims.tid !== 'string') {
        throw new TokenRejectedError('not a valid local link');
      }
      // The link opens its group with the rights its asker has there now: a coordinator's, or a member's.
      const userId = typeof claims.uid === 'string' && claims.uid ? claims.uid : NO_ASKER;
      return { tenantId: claims.tid, userId, onlyGroup: claims.grp };
    },
  };
}
