import {
  AuthenticationConstants,
  EmulatorValidation,
  SkillValidation,
  ToBotFromBotOrEmulatorTokenValidationParameters,
} from 'botframework-connector';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { decode, verify, type Algorithm, type JwtPayload } from 'jsonwebtoken';

/** What the gate says about an Authorization header, before a byte of the body is read. */
export type TokenVerdict = { ok: true } | { ok: false; status: 401 | 503; reason: string };

/** Whom Bot Framework tokens must be issued for, and where the channel's signing keys are published. */
export interface TokenGateOptions {
  appId: string;
  /** The OpenID metadata of the channel's keys (BotOpenIdMetadata); the SDK's default otherwise. */
  channelMetadataUrl?: string;
}

/** The SDK's clock skew allowance (ChannelValidation and EmulatorValidation: five minutes). */
const CLOCK_TOLERANCE_S = 5 * 60;
/** Bot Framework tokens are a few kilobytes; a longer one is not worth decoding. */
const MAX_TOKEN_CHARS = 8 * 1024;
/** After the key endpoint failed, requests are answered 503 for this long instead of fetching again. */
const KEY_FAILURE_COOLDOWN_MS = 5_000;

/** One key source: its OpenID metadata (fetched and cached by the SDK's own class) and its issuers. */
interface KeySource {
  issuers: readonly string[];
  key(kid: string): Promise<string | undefined>;
}

function keySource(url: string, issuers: readonly string[]): KeySource {
  const metadata = new OpenIdMetadata(url);
  let pending: Promise<unknown> | undefined;
  let failedAt = -Infinity;
  return {
    issuers,
    // One lookup at a time and a pause after a failure: a flood of forged tokens makes no flood of fetches.
    async key(kid) {
      while (pending) await pending.catch(() => undefined);
      if (Date.now() - failedAt < KEY_FAILURE_COOLDOWN_MS) throw new Error('signing keys unavailable');
      const lookup = metadata.getKey(kid);
      pending = lookup;
      try {
        return (await lookup)?.key ?? undefined;
      } catch (err) {
        failedAt = Date.now();
        throw err;
      } finally {
        pending = undefined;
      }
    },
  };
}

const refused = (reason: string): TokenVerdict => ({ ok: false, status: 401, reason });

/**
 * The app id a token names, by the SDK's rules: a channel token in `aud`; an Emulator token in
 * `appid` (version 1.0) or `azp` (2.0), and an Emulator token without a version is refused.
 */
function appIdOf(claims: JwtPayload, emulator: boolean): string | undefined {
  if (!emulator) return typeof claims.aud === 'string' ? claims.aud : undefined;
  const version: unknown = claims.ver;
  if (version === undefined) return undefined;
  const claim = !version || version === '1.0' ? claims.appid : version === '2.0' ? claims.azp : undefined;
  return typeof claim === 'string' ? claim : undefined;
}

/**
 * Checks a Bot Framework token from the Authorization header alone, the way the SDK's
 * ParameterizedBotFrameworkAuthentication does (JwtTokenExtractor, ChannelValidation,
 * EmulatorValidation): the same dispatch (skill, Emulator, channel), issuers, signing keys by `kid`
 * from the same OpenID metadata, algorithms, lifetime with five minutes' tolerance, and app id.
 * Skill tokens are refused (the bot validates no skill claims, so the SDK refuses them too). What
 * needs the activity — the channel's endorsement of the key and the serviceUrl claim — the SDK
 * checks afterwards, as before. Refusals carry jsonwebtoken's short reason, never a key or a stack.
 */
export function botTokenGate(options: TokenGateOptions): (authorization: string) => Promise<TokenVerdict> {
  const channel = keySource(
    options.channelMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    [AuthenticationConstants.ToBotFromChannelTokenIssuer],
  );
  const emulator = keySource(
    AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[],
  );
  return async (authorization) => {
    const parts = authorization.split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) return refused('not a Bearer token');
    const token = parts[1];
    if (token.length > MAX_TOKEN_CHARS) return refused('token too long');
    const decoded = decode(token, { complete: true });
    if (!decoded || typeof decoded.payload !== 'object') return refused('not a JWT');
    if (SkillValidation.isSkillToken(authorization)) return refused('skill tokens are not accepted');
    const isEmulator = EmulatorValidation.isTokenFromEmulator(authorization);
    const source = isEmulator ? emulator : channel;
    if (!source.issuers.includes(decoded.payload.iss ?? '')) return refused('issuer not allowed');
    const kid = decoded.header.kid;
    if (!kid) return refused('no key id');
    let key: string | undefined;
    try {
      key = await source.key(kid);
    } catch (err) {
      return {
        ok: false,
        status: 503,
        reason: err instanceof Error ? err.message : 'signing keys unavailable',
      };
    }
    if (!key) return refused('unknown signing key');
    let claims: JwtPayload;
    try {
      claims = verify(token, key, {
        issuer: [...source.issuers] as [string, ...string[]],
        clockTolerance: CLOCK_TOLERANCE_S,
        algorithms: AuthenticationConstants.AllowedSigningAlgorithms as Algorithm[],
      }) as JwtPayload;
    } catch (err) {
      return refused(err instanceof Error ? err.message : 'invalid token');
    }
    if (appIdOf(claims, isEmulator) !== options.appId) return refused('token for another app');
    return { ok: true };
  };
}
