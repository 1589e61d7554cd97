import type { Activity, ConversationReference } from 'botbuilder';
import { groupConversationId } from '../../domain/conversation';
import type { Logger } from '../../log';
import { classify, retryAfterMs, SendGaveUpError, statusOf } from './connector-errors';
import { delayBeforeNextSend, pruneSendTimes, TEAMS_TENANT_LIMITS } from './rate-limit';

/** At most this many HTTP attempts per send, retries included (the only retry layer: the client's is off). */
export const MAX_ATTEMPTS = 5;

/** Clock and sleep, injectable so tests of pacing need no real time. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The wall clock. */
export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Where a send goes: the group's conversation (a channel thread's `;messageid=` dropped) and its tenant. */
export interface Target {
  conversation: string;
  tenant: string;
}

/** The target of an incoming activity or a stored conversation reference. */
export function targetOf(reference: Partial<ConversationReference> | Partial<Activity>): Target {
  const conversation = reference.conversation;
  const channelData = (reference as Partial<Activity>).channelData as
    { tenant?: { id?: string } } | undefined;
  return {
    conversation: groupConversationId(conversation?.id ?? ''),
    tenant: conversation?.tenantId ?? channelData?.tenant?.id ?? '',
  };
}

/**
 * Runs sends one conversation at a time in order, paced to Teams' limits per conversation and per
 * tenant. Every HTTP attempt counts against the limits; throttling and transient errors are
 * retried with jittered backoff (or Retry-After), at most MAX_ATTEMPTS in all, then given up with
 * a log line.
 */
export class Pacer {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sent = new Map<string, number[]>();
  private readonly tenantSent = new Map<string, number[]>();

  constructor(
    private readonly log: Logger,
    private readonly timer: Timer,
    private readonly track: (p: Promise<unknown>) => void,
  ) {}

  /** Runs one send for `target` after the sends queued before it. */
  run<T>(target: Target, op: () => Promise<T>): Promise<T> {
    const key = target.conversation;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.withRetry(target, op));
    this.queues.set(key, next);
    this.track(next);
    const forget = (): void => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  /** Waits until one more request fits the tenant's limit, and books it (no await between check and booking). */
  private async tenantSlot(tenant: string): Promise<void> {
    for (;;) {
      const now = this.timer.now();
      const times = pruneSendTimes(this.tenantSent.get(tenant) ?? [], now, 2_000);
      this.tenantSent.set(tenant, times);
      const wait = delayBeforeNextSend(times, now, TEAMS_TENANT_LIMITS);
      if (wait <= 0) {
        times.push(now);
        return;
      }
      await this.timer.sleep(wait);
    }
  }

  private async withRetry<T>(target: Target, op: () => Promise<T>): Promise<T> {
    const key = target.conversation;
    for (let attempt = 1; ; attempt++) {
      const now = this.timer.now();
      const times = pruneSendTimes(this.sent.get(key) ?? [], now);
      this.sent.set(key, times);
      const wait = delayBeforeNextSend(times, now);
      if (wait > 0) await this.timer.sleep(wait);
      await this.tenantSlot(target.tenant);
      try {
        return await op();
      } catch (err) {
        const { retry, error } = classify(err);
        if (!retry) throw error;
        const status = statusOf(err);
        if (attempt >= MAX_ATTEMPTS) {
          this.log.warn('send.gaveUp', { conversation: key, status, attempts: attempt });
          throw new SendGaveUpError(status, attempt);
        }
        const backoff = retryAfterMs(err) ?? Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
        this.log.warn('send.retry', { status, attempt, backoffMs: Math.round(backoff) });
        await this.timer.sleep(backoff);
      } finally {
        // Every attempt counts, counted when it has completed: Teams saw it no later than that,
        // however late it left (a busy event loop), so spacing completions keeps arrivals within limits.
        times.push(this.timer.now());
      }
    }
  }
}
