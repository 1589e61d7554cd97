import { CardFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
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

/** Runs `logic` with a fresh turn context for a conversation (a turn's own context dies with the turn). */
export type ContinueConversation = (
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/** What the outbox needs besides a logger: how to reach a conversation after a turn, and whom to tell it is gone. */
export interface OutboxOptions {
  timer?: Timer;
  continueConversation?: ContinueConversation;
  onConversationGone?: (reference: Partial<ConversationReference>, status: number) => Promise<void>;
}

/**
 * Posts and updates messages, one conversation at a time in order, paced to Teams' per-conversation
 * limits, retrying throttling and transient errors with jittered backoff (capped).
 */
export class Outbox {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sent = new Map<string, number[]>();
  private readonly pendingRefreshes = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly timer: Timer;

  constructor(
    private readonly log: Logger,
    private readonly options: OutboxOptions = {},
  ) {
    this.timer = options.timer ?? realTimer;
  }

  /** Posts a card as a new message; resolves to its activity id. */
  async postCard(context: TurnContext, rendered: RenderedCard): Promise<string> {
    const res = await this.paced(context.activity.conversation.id, () =>
      context.sendActivity(cardActivity(rendered)),
    );
    return res?.id ?? '';
  }

  /** Posts a plain text message. */
  async postText(context: TurnContext, text: string): Promise<void> {
    await this.paced(context.activity.conversation.id, () =>
      context.sendActivity({ type: 'message', text, textFormat: 'markdown' }),
    );
  }

  /** Posts any message activity (e.g. one with @mentions) in the turn's conversation. */
  async postActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    await this.paced(context.activity.conversation.id, () => context.sendActivity(activity));
  }

  /** Posts a message into a conversation outside any turn (reminders), paced like every other send. */
  async postProactive(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    const send = this.options.continueConversation;
    if (!send) throw new Error('the outbox cannot reach conversations outside a turn');
    const conversation = reference.conversation?.id ?? '';
    await this.paced(conversation, () =>
      send(reference, async (context) => void (await context.sendActivity(activity))),
    );
  }

  /** Replaces a posted card for everyone in the conversation. */
  async updateCard(context: TurnContext, activityId: string, rendered: RenderedCard): Promise<void> {
    await this.paced(context.activity.conversation.id, () =>
      context.updateActivity({ ...cardActivity(rendered), id: activityId }),
    );
  }

  /**
   * Replaces a shared card with its current state, after the turn: the click is answered at once and
   * the update waits for the conversation's pacer in the background. The card is rendered when its
   * turn to be sent comes; refreshes asked for meanwhile join it, so many clicks at once make one
   * update, and the last update always shows the state after the last change. Best effort: the
   * state is stored, so a failed update is logged and the next change shows it; 403/404 is reported
   * through `onConversationGone`.
   */
  refreshCard(
    context: TurnContext,
    activityId: string,
    render: () => Promise<RenderedCard | undefined>,
  ): void {
    const conversation = context.activity.conversation.id;
    const key = `${conversation}|${activityId}`;
    if (this.pendingRefreshes.has(key)) return;
    const reference = TurnContext.getConversationReference(context.activity);
    const update = async (): Promise<void> => {
      if (this.pendingRefreshes.get(key) === refresh) this.pendingRefreshes.delete(key);
      const rendered = await render();
      if (!rendered) return;
      const activity = { ...cardActivity(rendered), id: activityId };
      const send = this.options.continueConversation;
      if (send) await send(reference, async (fresh) => void (await fresh.updateActivity(activity)));
      else await context.updateActivity(activity);
    };
    const refresh: Promise<void> = this.paced(conversation, update).catch(async (err: unknown) => {
      if (err instanceof ConversationGoneError) {
        this.log.warn('conversation.gone', { conversation, status: err.status });
        await this.options.onConversationGone?.(reference, err.status).catch(() => undefined);
        return;
      }
      this.log.warn('card.refresh.failed', {
        activityId,
        error: err instanceof Error ? err.message : String(err),
      });
    });
    this.pendingRefreshes.set(key, refresh);
  }

  /** Resolves when nothing is waiting to be sent (tests read the connector after this). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private paced<T>(key: string, op: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.withRetry(key, op));
    this.queues.set(key, next);
    this.inFlight.add(next);
    const forget = (): void => {
      this.inFlight.delete(next);
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
