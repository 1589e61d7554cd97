import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { RenderedCard } from '../cards/render';
import type { Logger } from '../log';
import { delayBeforeNextSend, pruneSendTimes } from './rate-limit';

const RETRYABLE = new Set([412, 429, 502, 503, 504]);
const GONE = new Set([403, 404]);

/** Teams answered 403/404: the bot is no longer in the conversation; retrying would not help. */
export class ConversationGoneError extends Error {
  constructor(readonly status: number) {
    super(`the conversation answered ${status}: the bot is no longer in it`);
    this.name = 'ConversationGoneError';
  }
}
const MAX_ATTEMPTS = 4;

/** Clock and sleep, injectable so tests of pacing need no real time. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTimer: Timer = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } };
  const code = e?.statusCode ?? e?.response?.status;
  return typeof code === 'number' ? code : undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (n: string) => string | undefined } } })?.response
    ?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** The message activity that carries a card. */
export function cardActivity(rendered: RenderedCard): Partial<Activity> {
  return {
    type: 'message',
    summary: rendered.summary,
    attachments: [CardFactory.adaptiveCard(rendered.card)],
  };
}

/**
 * Posts and updates messages, one conversation at a time in order, paced to Teams' per-conversation
 * limits, retrying throttling and transient errors with jittered backoff (capped).
 */
export class Outbox {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sent = new Map<string, number[]>();
  private readonly pendingRefreshes = new Map<string, Promise<void>>();

  constructor(
    private readonly log: Logger,
    private readonly timer: Timer = realTimer,
  ) {}

  /** Posts a card as a new message; resolves to its activity id. */
  async postCard(context: TurnContext, rendered: RenderedCard): Promise<string> {
    const res = await this.paced(context, () => context.sendActivity(cardActivity(rendered)));
    return res?.id ?? '';
  }

  /** Posts a plain text message. */
  async postText(context: TurnContext, text: string): Promise<void> {
    await this.paced(context, () => context.sendActivity({ type: 'message', text, textFormat: 'markdown' }));
  }

  /** Replaces a posted card for everyone in the conversation. */
  async updateCard(context: TurnContext, activityId: string, rendered: RenderedCard): Promise<void> {
    await this.paced(context, () => context.updateActivity({ ...cardActivity(rendered), id: activityId }));
  }

  /**
   * Replaces a shared card with its current state, rendered when its turn to be sent comes. Calls for
   * the same card while one is waiting join it: many clicks at once make one update, and the last
   * update always shows the state after the last change. Best effort: the state is already stored,
   * so a failed update is logged and the next change shows it (only ConversationGoneError is thrown).
   */
  refreshCard(
    context: TurnContext,
    activityId: string,
    render: () => Promise<RenderedCard | undefined>,
  ): Promise<void> {
    const key = `${context.activity.conversation.id}|${activityId}`;
    const waiting = this.pendingRefreshes.get(key);
    if (waiting) return waiting;
    const refresh = this.paced(context, async () => {
      if (this.pendingRefreshes.get(key) === refresh) this.pendingRefreshes.delete(key);
      const rendered = await render();
      if (rendered) await context.updateActivity({ ...cardActivity(rendered), id: activityId });
    }).catch((err: unknown) => {
      if (err instanceof ConversationGoneError) throw err;
      this.log.warn('card.refresh.failed', {
        activityId,
        error: err instanceof Error ? err.message : String(err),
      });
    });
    this.pendingRefreshes.set(key, refresh);
    return refresh;
  }

  private paced<T>(context: TurnContext, op: () => Promise<T>): Promise<T> {
    const key = context.activity.conversation.id;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.withRetry(key, op));
    this.queues.set(key, next);
    const forget = (): void => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  private async withRetry<T>(key: string, op: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const now = this.timer.now();
      const times = pruneSendTimes(this.sent.get(key) ?? [], now);
      this.sent.set(key, times);
      const wait = delayBeforeNextSend(times, now);
      if (wait > 0) await this.timer.sleep(wait);
      try {
        return await op();
      } catch (err) {
        const status = statusOf(err);
        if (status !== undefined && GONE.has(status)) throw new ConversationGoneError(status);
        if (status === undefined || !RETRYABLE.has(status) || attempt >= MAX_ATTEMPTS) throw err;
        const backoff = retryAfterMs(err) ?? Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
        this.log.warn('send.retry', { status, attempt, backoffMs: Math.round(backoff) });
        await this.timer.sleep(backoff);
      } finally {
        // Counted when the send has completed: Teams saw it no later than that, however late it left
        // (a busy event loop), so spacing completions keeps the arrivals within the limits too.
        times.push(this.timer.now());
      }
    }
  }
}
