import type { Logger } from '../../log';

/** At most this many answers wait per conversation for Teams' pacing; beyond, they are merged or dropped. */
export const MAX_WAITING_REPLIES = 20;

/** One conversation's answers waiting to be sent, in order; and how many were dropped meanwhile. */
interface Waiting {
  sends: { key: string; send: () => Promise<void> }[];
  dropped: number;
}

/**
 * The answers to turns, sent after their turns, one conversation at a time in order: a turn hands
 * its answer over and ends (its HTTP request is answered), so nothing waits for a paced slot with
 * a turn around it. Each conversation holds at most `max` waiting answers; beyond that, a newer
 * answer with the key of a waiting one (the same person asking the same again, or the same card
 * replaced again) takes its place, and any other is dropped with a warning. So one member sending
 * thousands of messages costs a few answers' memory, and the bot keeps answering everyone.
 */
export class ReplyQueue {
  private readonly waiting = new Map<string, Waiting>();
  private readonly draining = new Set<Promise<void>>();

  constructor(
    private readonly log: Logger,
    private readonly max = MAX_WAITING_REPLIES,
  ) {}

  /** Queues `send` behind the conversation's waiting answers (a failure is logged). */
  add(conversation: string, key: string, send: () => Promise<void>): void {
    const queue = this.waiting.get(conversation);
    if (!queue) return this.drain(conversation, { sends: [{ key, send }], dropped: 0 });
    if (queue.sends.length < this.max) {
      queue.sends.push({ key, send });
      return;
    }
    const same = [...queue.sends].reverse().find((s) => s.key === key);
    if (same) same.send = send;
    else if (queue.dropped++ === 0)
      this.log.warn('reply.dropped', { conversation, waiting: queue.sends.length });
  }

  /** Resolves when no answer is waiting or being sent. */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.allSettled([...this.draining]);
  }

  private drain(conversation: string, queue: Waiting): void {
    this.waiting.set(conversation, queue);
    const run = async (): Promise<void> => {
      // Not before the turn that queued the first answer has returned.
      await Promise.resolve();
      for (let next = queue.sends.shift(); next; next = queue.sends.shift()) {
        await next.send().catch((err: unknown) =>
          this.log.warn('reply.failed', {
            conversation,
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      }
      this.waiting.delete(conversation);
      if (queue.dropped > 0) this.log.info('reply.dropped.total', { conversation, dropped: queue.dropped });
    };
    const drained = run();
    this.draining.add(drained);
    void drained.finally(() => this.draining.delete(drained));
  }
}
