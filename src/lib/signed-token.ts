import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived tokens the bot signs for itself (local overview links, calendar links): the claims as
 * base64url JSON, a dot, and their HMAC-SHA256. Only the bot makes and reads them, so there is no
 * algorithm to negotiate; Teams SSO tokens, which others sign, are checked with jose instead. Kept
 * apart from jose because loading it costs ~9 MB of memory in every turn (docs/performance.md).
 */
export function signToken(claims: Record<string, string | number>, key: Uint8Array, expiresAt: Date): string {
  const body = Buffer.from(
    JSON.stringify({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The key that signs, or the keys that verify (during a rotation: the new one and the previous one). */
export type VerifyKeys = Uint8Array | readonly Uint8Array[];

/**
 * Compared as text: base64url decoding ignores stray characters and trailing bits, so comparing
 * decoded bytes would accept several spellings of one signature. One token has one spelling.
 */
function signedBy(body: string, signature: string, key: Uint8Array): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(body).digest('base64url'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The claims of a token one of `keys` signed and that has not expired at `now`; undefined otherwise. */
export function readToken(token: string, keys: VerifyKeys, now: Date): Record<string, unknown> | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const candidates = keys instanceof Uint8Array ? [keys] : keys;
  if (!candidates.some((key) => signedBy(body, signature, key))) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof claims.exp === 'number' && claims.exp * 1000 > now.getTime() ? claims : undefined;
  } catch {
    return undefined;
  }
}
