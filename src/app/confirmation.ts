import { createHmac, randomBytes } from 'node:crypto';
import { readToken, signToken } from '../lib/signed-token';
import type { Actor, AppDeps } from './context';
import { ok, refuse, type Outcome } from './result';

/** How long a confirmation button works. */
export const CONFIRMATION_MINUTES = 10;

/** What a confirmation is for: the person's own data, or one group as it is now. */
export type ConfirmationScope = { kind: 'myData' } | { kind: 'group'; groupKey: string; createdAt: string };

/** The key confirmation buttons are signed with, derived from the link-signing key (one purpose per key). */
export function confirmationKey(linkSigningKey: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHmac('sha256', linkSigningKey).update('erfaringsgruppe confirmations').digest(),
  );
}

const processKey = new Uint8Array(randomBytes(32));
const keyOf = (deps: AppDeps): Uint8Array => deps.confirmationKey ?? processKey;

function subject(actor: Actor, scope: ConfirmationScope): string {
  const what = scope.kind === 'myData' ? 'myData' : `group|${scope.groupKey}|${scope.createdAt}`;
  return `${actor.tenantId}|${actor.userId}|${what}`;
}

/**
 * The token a confirmation card carries: bound to the person who asked, what it is for and an
 * expiry, with a random id that makes it usable once (`useConfirmation`).
 */
export function confirmationToken(deps: AppDeps, actor: Actor, scope: ConfirmationScope): string {
  const expires = new Date(deps.now().getTime() + CONFIRMATION_MINUTES * 60_000);
  const jti = randomBytes(16).toString('base64url');
  return signToken({ sub: subject(actor, scope), jti }, keyOf(deps), expires);
}

/**
 * Checks a clicked confirmation: it must be signed by this bot, not expired, and made for this
 * person and this scope. Anyone else's click is refused and deletes nothing. The token's id.
 */
export function checkConfirmation(
  deps: AppDeps,
  actor: Actor,
  scope: ConfirmationScope,
  token: unknown,
): Outcome<string> {
  if (typeof token !== 'string' || token.length > 2_000) return refuse('notYourConfirmation');
  const far = new Date(0);
  const signed = readToken(token, keyOf(deps), far);
  if (!signed || signed.sub !== subject(actor, scope)) return refuse('notYourConfirmation');
  // A token from before confirmations had ids can no longer be used once only: it has expired.
  if (!readToken(token, keyOf(deps), deps.now()) || typeof signed.jti !== 'string')
    return refuse('confirmationExpired');
  return ok(signed.jti);
}

/**
 * Spends a checked confirmation: its id is claimed in storage with create-only semantics, so a
 * second click (again, later, or on another instance) is refused as used. Claimed before the
 * deletion starts: a deletion that then fails needs a new confirmation.
 */
export async function useConfirmation(deps: AppDeps, tokenId: string): Promise<Outcome<true>> {
  const first = await deps.store.claimConfirmation(tokenId, deps.now().toISOString());
  return first ? ok(true) : refuse('confirmationUsed');
}
