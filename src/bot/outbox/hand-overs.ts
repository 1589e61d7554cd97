/**
 * Sends handed to the instance that holds a tenant's lease (docs/storage.md, "The outbox"): an
 * instance that does not hold it writes what is to be sent as a row of the outbox table, and the
 * holder sends it, paced with everything else it sends for the tenant. A shared card's refresh is
 * kept small and coalesced by its key ("refresh card C of group G"): many changes make one row, and
 * the holder renders the card from what is stored when it sends.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { OutboxAccess } from '../../app/outbox';
import type { ChatCleanup } from '../../app/posted-cards';
import type { SharedCardKind } from '../../domain/outbox';
import type { HandOver } from '../../domain/outbox';
import type { Logger } from '../../log';

/** How many sent hand-over rows are remembered (older ones are long deleted). */
const MAX_REMEMBERED_SENT = 1_000;

/** A shared card of a group to show again from what is stored (meeting n's, or the group's). */
export interface RefreshJob {
  kind: 'refresh';
  groupKey: string;
  card: SharedCardKind;
  meeting?: number;
  reference: Partial<ConversationReference>;
}

/** Where a posted card's activity id is kept (a summary in a group's chat shows answers: a deletion replaces it). */
export interface PostedIn {
  groupKey: string;
  meeting?: number;
}

/** A reply after a turn: a message, or (`replaces`) the clicked card updated in place. */
export interface ReplyJob {
  kind: 'reply';
  reference: Partial<ConversationReference>;
  activity: Partial<Activity>;
  replaces?: string;
  posted?: PostedIn;
}

/** The group's card posted anew into its chat (the bot added again): its id becomes the group's card. */
export interface GroupCardJob {
  kind: 'groupCard';
  groupKey: string;
  reference: Partial<ConversationReference>;
}

/** After a deletion, the cards in the group's chat that showed what was deleted, replaced (chat-cleanup). */
export interface CleanupJob {
  kind: 'cleanup';
  cleanup: ChatCleanup;
}

/** A handed-over send. */
export type HandedJob = RefreshJob | ReplyJob | GroupCardJob | CleanupJob;

/** Decides who sends for a tenant, and hands sends on to the instance that does (the outbox dispatcher). */
export interface SendRouter {
  sendsHere(tenant: string): Promise<boolean>;
  handOver(tenant: string, key: string, job: HandedJob): Promise<void>;
}

/** The row key of a handed-over reply (or other one-off send): in the order handed over (any instance), then unique. */
export function replyKey(at: number): string {
  return `s|${new Date(at).toISOString()}|${randomUUID().slice(0, 8)}`;
}

/** The row key a refresh is coalesced under: one row per card, whatever the number of changes. */
export function refreshKey(job: Omit<RefreshJob, 'kind' | 'reference'>): string {
  return `r|${job.groupKey}|${job.card}|${job.meeting ?? 0}`;
}

/** How the lease holder sends a handed-over job (the bot renders and sends it). */
export type SendJob = (tenant: string, job: HandedJob) => Promise<void>;

/** The hand-overs of this instance: writes them when another instance sends, sends them when this one does. */
export class HandOvers {
  private readonly running = new Map<string, Promise<void>>();
  /** The rows (key and ETag) sent lately: a look that read one before it was deleted does not send it again. */
  private readonly sent = new Set<string>();

  constructor(
    private readonly access: OutboxAccess,
    private readonly log: Logger,
    private readonly send: SendJob,
    /** Its `idle()` resolves once what `send` queued is out (a card refresh is queued on the pacer, not awaited). */
    private readonly sends: { idle(): Promise<void> },
  ) {}

  /** Hands a job to the tenant's lease holder (the same key replaces an earlier one not yet sent). */
  async handOver(tenant: string, key: string, job: HandedJob): Promise<void> {
    await this.access.handOver(tenant, key, JSON.stringify(job));
  }

  /** Sends a tenant's hand-overs in order, after those already being sent; the rows go once sent (unless written again). */
  run(tenant: string, found: (HandOver & { etag: string })[]): Promise<void> {
    const previous = this.running.get(tenant) ?? Promise.resolve();
    const next = previous.then(() => this.sendAll(tenant, found));
    this.running.set(tenant, next);
    const forget = (): void => {
      if (this.running.get(tenant) === next) this.running.delete(tenant);
    };
    next.then(forget, forget);
    return next;
  }

  private async sendAll(tenant: string, found: (HandOver & { etag: string })[]): Promise<void> {
    const done: { key: string; etag: string }[] = [];
    for (const { key, job, etag } of found) {
      if (this.sent.has(`${key}|${etag}`)) continue;
      this.sent.add(`${key}|${etag}`);
      if (this.sent.size > MAX_REMEMBERED_SENT) this.sent.delete(this.sent.values().next().value!);
      try {
        await this.send(tenant, JSON.parse(job) as HandedJob);
      } catch (err) {
        // Best effort, as a refresh always was: the state is stored, and the next change shows it.
        this.log.warn('handOver.failed', { key, error: err instanceof Error ? err.message : String(err) });
      }
      done.push({ key, etag });
    }
    if (done.length === 0) return;
    // Only once what was queued is out: a process stopped before leaves the rows to the next holder.
    await this.sends.idle();
    for (const { key, etag } of done) await this.access.dropHandOver(tenant, key, etag);
  }
}
