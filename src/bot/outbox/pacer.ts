import type { Activity, ConversationReference } from 'botbuilder';
import { createHash } from 'node:crypto';
import { groupConversationId } from '../../domain/conversation';
import type { Logger } from '../../log';
import { classify, retryAfterMs, SendGaveUpError, statusOf } from './connector-errors';
import { delayBeforeNextSend, pruneSendTimes, TEAMS_TENANT_LIMITS } from './rate-limit';

/** At most this many HTTP attempts per send, retries included (the only retry layer: the client's is off). */
export const MAX_ATTEMPTS = 5;

/** The longest Retry-After honoured (longer asks wait this long): no send sits behind one for minutes. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** The window the next lease holder must know a conversation's sends in (Teams' 60 per 30 s), with margin. */
const HANDED_ON_MS = 31_000;

/** The short hash a conversation's sends are handed on under (docs/storage.md: the lease row). */
export function conversationHash(conversation: string): string {
  return createHash('sha256').update(conversation, 'utf8').digest('base64url').slice(0, 12);
}

/**
 * The sends of the last 31 s per conversation (by hash, in tenths of a second before `at`) that a
 * lease hands to the next holder, and how many unrecorded sends to assume for a conversation it
 * does not name (after a holder stopped without handing its record on).
 */
export interface SendRecord {
  at: number;
  sent: Record<string, number[]>;
  assumeUnrecorded?: { count: number; at: number };
}

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
  /** The tenant of each conversation sent to. */
  private readonly tenantOf = new Map<string, string>();
  /** Sends another holder of a tenant's lease made, by conversation hash, until a send here adopts them. */
  private readonly handedOn = new Map<string, { tenant: string; times: number[] }>();
  private readonly assumed = new Map<string, { count: number; at: number }>();

  constructor(
    private readonly log: Logger,
    private readonly timer: Timer,
    private readonly track: (p: Promise<unknown>) => void,
  ) {}

  /** The sends of a tenant's conversations in the last 31 s, for the next holder of its lease. */
  record(tenant: string): SendRecord {
    const at = this.timer.now();
    const sent: Record<string, number[]> = {};
    for (const [conversation, of] of this.tenantOf) {
      if (of !== tenant) continue;
      const times = this.sent.get(conversation)?.filter((t) => t > at - HANDED_ON_MS) ?? [];
      if (times.length) sent[conversationHash(conversation)] = times.map((t) => Math.ceil((at - t) / 100));
    }
    for (const [hash, handed] of this.handedOn)
      if (handed.tenant === tenant && !(hash in sent))
        sent[hash] = handed.times.filter((t) => t > at - HANDED_ON_MS).map((t) => Math.ceil((at - t) / 100));
    return { at, sent };
  }

  /** Takes on the sends the previous holder of a tenant's lease recorded (and what it may not have). */
  adopt(tenant: string, record: SendRecord): void {
    for (const [hash, tenths] of Object.entries(record.sent))
      this.handedOn.set(hash, { tenant, times: tenths.map((d) => record.at - d * 100) });
    if (record.assumeUnrecorded) this.assumed.set(tenant, record.assumeUnrecorded);
  }

  /** A conversation's send times: its own, or those handed on for it by the lease's previous holder. */
  private timesOf(target: Target): number[] {
    const own = this.sent.get(target.conversation);
    if (own) return own;
    const hash = conversationHash(target.conversation);
    const handed = this.handedOn.get(hash)?.times ?? [];
    this.handedOn.delete(hash);
    const assumed = this.assumed.get(target.tenant);
    const unknown = assumed && assumed.at > this.timer.now() - HANDED_ON_MS ? assumed : undefined;
    return [...handed, ...Array.from({ length: unknown?.count ?? 0 }, () => unknown!.at)].sort(
      (a, b) => a - b,
    );
  }

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
      const times = pruneSendTimes(this.timesOf(target), now);
      this.sent.set(key, times);
      this.tenantOf.set(key, target.tenant);
      const wait = delayBeforeNextSend(times, now);
      if (wait > 0) await this.timer.sleep(wait);
      await this.tenantSlot(target.tenant);
      try {
        this.log.debug('send.attempt', { conversation: key, attempt });
        return await op();
      } catch (err) {
        const { retry, error } = classify(err);
        if (!retry) throw error;
        const status = statusOf(err);
        if (attempt >= MAX_ATTEMPTS) {
          this.log.warn('send.gaveUp', { conversation: key, status, attempts: attempt });
          throw new SendGaveUpError(status, attempt);
        }
        const asked = retryAfterMs(err);
        const backoff =
          asked !== undefined
            ? Math.min(asked, MAX_RETRY_AFTER_MS)
            : Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
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
