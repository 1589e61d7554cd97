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

/** The token a confirmation card carries: bound to the person who asked, what it is for, and an expiry. */
export function confirmationToken(deps: AppDeps, actor: Actor, scope: ConfirmationScope): string {
  const expires = new Date(deps.now().getTime() + CONFIRMATION_MINUTES * 60_000);
  return signToken({ sub: subject(actor, scope) }, keyOf(deps), expires);
}

/**
 * Checks a clicked confirmation: it must be signed by this bot, not expired, and made for this
 * person and this scope. Anyone else's click is refused and deletes nothing.
 */
export function checkConfirmation(
  deps: AppDeps,
  actor: Actor,
  scope: ConfirmationScope,
  token: unknown,
): Outcome<true> {
  if (typeof token !== 'string' || token.length > 2_000) return refuse('notYourConfirmation');
  const far = new Date(0);
  const signed = readToken(token, keyOf(deps), far);
  if (!signed || signed.sub !== subject(actor, scope)) return refuse('notYourConfirmation');
  if (!readToken(token, keyOf(deps), deps.now())) return refuse('confirmationExpired');
  return ok(true);
}
