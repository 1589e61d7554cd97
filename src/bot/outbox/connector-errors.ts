/**
 * What the Bot Connector's errors mean. Its error bodies carry a code (`{"error":{"code":…}}`),
 * and the status alone is not enough: a 404 is usually one message that is gone, not the chat.
 */

/**
 * Codes that say the bot is out of the conversation (removed, blocked, or the chat is gone);
 * msteams-docs bots/build-conversational-capability.md, status codes: 403 ConversationBlockedByUser
 * "User blocked the bot in personal chat or a channel" — stop posting until a user writes again.
 */
const BOT_OUT = new Set([
  'BotNotInConversationRoster',
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
  'NotEnoughPermissions',
  'ConversationNotFound',
]);

/** The code Teams answers an update of a message that was deleted or removed by a retention policy. */
const MESSAGE_GONE = 'ActivityNotFoundInConversation';

/** Statuses worth another attempt (throttling and transient service errors). */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

/** Teams says the bot is no longer in the conversation; retrying would not help. */
export class ConversationGoneError extends Error {
  constructor(
    readonly status: number,
    readonly code = '',
  ) {
    super(`the conversation answered ${status} ${code}: the bot is no longer in it`);
    this.name = 'ConversationGoneError';
  }
}

/** Teams kept refusing a send (throttling, service errors) until the attempts ran out. */
export class SendGaveUpError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts (last status ${status ?? 'none'})`);
    this.name = 'SendGaveUpError';
  }
}

/** Teams says the message to update is gone (deleted, or removed by a retention policy). */
export class MessageGoneError extends Error {
  constructor(readonly status: number) {
    super(`the message answered ${status} ${MESSAGE_GONE}`);
    this.name = 'MessageGoneError';
  }
}

/** The HTTP status of a failed connector call, if it got that far. */
export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } };
  const code = e?.statusCode ?? e?.response?.status;
  return typeof code === 'number' ? code : undefined;
}

/** The connector's error code: `error.code` of the body (the client copies it to `err.code`). */
export function codeOf(err: unknown): string {
  const e = err as { code?: unknown; response?: { bodyAsText?: unknown } };
  if (typeof e?.code === 'string' && /^[A-Za-z]+$/.test(e.code)) return e.code;
  try {
    const body = JSON.parse(String(e?.response?.bodyAsText ?? '')) as { error?: { code?: unknown } };
    return typeof body?.error?.code === 'string' ? body.error.code : '';
  } catch {
    return '';
  }
}

/** How long Teams asked us to wait (Retry-After, in seconds), in ms. */
export function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (n: string) => string | null | undefined } } })
    ?.response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** What to do about a failed call: try again, give up with a meaningful error, or give up as is. */
export function classify(err: unknown): { retry: boolean; error: unknown } {
  const status = statusOf(err);
  if (status === undefined) return { retry: false, error: err };
  const code = codeOf(err);
  if (BOT_OUT.has(code)) return { retry: false, error: new ConversationGoneError(status, code) };
  if (code === MESSAGE_GONE) return { retry: false, error: new MessageGoneError(status) };
  return { retry: RETRYABLE.has(status), error: err };
}

/** Where sending a step's card failed: rendering it from storage, posting it, or it had nothing to post. */
export type SendStage = 'render' | 'post' | 'empty';

/**
 * Whether a step's card failed for good: nothing to post, or Teams refused it (a 4xx, the bot out
 * of the chat). Storage or network trouble, and sends that ran out of attempts, are tried again later.
 */
export function failedForGood(stage: SendStage, err: unknown): boolean {
  if (stage === 'empty' || err instanceof ConversationGoneError || err instanceof MessageGoneError)
    return true;
  if (stage === 'render' || err instanceof SendGaveUpError) return false;
  const status = statusOf(err);
  return status !== undefined && status >= 400 && status < 500;
}
