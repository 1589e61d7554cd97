import type { Activity, ConversationReference } from 'botbuilder';
import type { OutboxAccess } from '../../app/outbox';
import type { RenderedCard } from '../../cards/render';
import type { CardRole, OutgoingCard, PendingStep, SharedCardKind } from '../../domain/outbox';
import type { Logger } from '../../log';
import { ConversationGoneError, failedForGood, statusOf, type SendStage } from './connector-errors';
import { HandOvers, type HandedJob } from './hand-overs';
import { RENEW_MS, type Leases } from './lease';
import type { Outbox } from './outbox';
import { cardActivity } from './sends';
import type { Timer } from './pacer';

/** A hint younger than this may belong to a step whose transaction is still on its way: it stays for a later pass. */
const HINT_SETTLE_MS = 10_000;
/** After Teams kept failing (throttled, unavailable) a group's steps wait this long before the next try. */
const RETRY_AFTER_GIVE_UP_MS = 30_000;
/** With nothing found or held, the outbox table is looked at this often (another instance may have stopped). */
const IDLE_SCAN_MS = 30_000;

/** A card a step posts, as the outbox keeps it: its message activity, rendered when the step is taken. */
export function outgoing(role: CardRole, rendered: RenderedCard): OutgoingCard {
  return { role, activity: JSON.stringify(cardActivity(rendered)) };
}

/** What the dispatcher tells the rest of the bot. */
export interface DispatchHooks {
  /** A step's cards are all posted, or were refused for good (`failed`): show its outcome. */
  settled(step: PendingStep, failed: boolean): Promise<unknown>;
  /** A shared card of the step's group as stored now (undefined: it is gone, nothing to post). */
  render(step: PendingStep, kind: SharedCardKind): Promise<Partial<Activity> | undefined>;
  /** Teams says the bot is out of the step's chat. */
  gone(reference: Partial<ConversationReference>, status: number, code: string): Promise<void>;
  /** Sends what another instance handed to this one, the tenant's lease holder (a card rendered from storage). */
  handedOver(tenant: string, job: HandedJob): Promise<void>;
}

/**
 * Posts the durable outbox's cards after the turns that committed them (docs/storage.md, "The
 * outbox"): per group one step after another, each step's cards in order, each card marked posted
 * with its activity id as soon as Teams has it. A tenant's steps are posted by the instance that
 * holds its lease; the outbox table's hints let any instance (this one after a restart) find what
 * is left. A card is posted again only when the process stopped between Teams' answer and the mark.
 */
export class StepDispatcher {
  private readonly running = new Map<string, { tenant: string; done: Promise<void> }>();
  private readonly again = new Set<string>();
  private readonly notBefore = new Map<string, number>();
  private pass?: Promise<void>;
  private passAgain = false;
  private ticker?: NodeJS.Timeout;
  private lastPass = 0;
  private found = false;
  private stopped = false;
  private readonly handOvers: HandOvers;

  constructor(
    private readonly outbox: Outbox,
    private readonly access: OutboxAccess,
    private readonly leases: Leases,
    private readonly log: Logger,
    private readonly hooks: DispatchHooks,
    private readonly timer: Timer,
  ) {
    this.handOvers = new HandOvers(access, log, (t, job) => hooks.handedOver(t, job), outbox);
  }

  /**
   * Whether this instance sends for the tenant now (it holds the lease, or takes it with one write);
   * when not, sends go to the holder through `handOver`.
   */
  async sendsHere(tenant: string): Promise<boolean> {
    if (this.stopped) return false;
    const here = await this.leases.sendsHere(tenant).catch(() => false);
    if (here) this.leases.used(tenant);
    return here;
  }

  /**
   * Hands a send to the tenant's lease holder (the same key replaces an earlier one not yet sent);
   * looks for the holder when none is known (it may have stopped: this instance then takes over).
   */
  async handOver(tenant: string, key: string, job: HandedJob): Promise<void> {
    await this.handOvers.handOver(tenant, key, job);
    if (!this.leases.heldElsewhere(tenant)) void this.scan();
  }

  /** Resumes what the outbox holds (after a start) and keeps looking: often while there is work, rarely when idle. */
  start(): void {
    void this.scan();
    this.ticker = setInterval(() => {
      const busy = this.found || this.leases.tenants().length > 0;
      if (busy || this.timer.now() - this.lastPass >= IDLE_SCAN_MS) void this.scan();
    }, RENEW_MS);
    this.ticker.unref();
  }

  /** Stops looking; lets the leases go once what is being dispatched is out. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.ticker);
    await this.idle();
    await this.leases.releaseAll().catch(() => undefined);
  }

  /** A turn committed a step of the group: its cards go out after the turn. */
  kick(tenant: string, groupKey: string): void {
    if (this.stopped) return;
    if (this.leases.owns(tenant)) this.dispatch(tenant, groupKey);
    else void this.scan();
  }

  /** Resolves when nothing is being dispatched. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [this.pass, ...[...this.running.values()].map((r) => r.done)].filter(Boolean);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  /** True while a look at the outbox table or a dispatch is under way. */
  busy(): boolean {
    return this.pass !== undefined || this.running.size > 0;
  }

  /** Resolves once the outbox table holds nothing for this bot and this instance holds no lease (tests, bench). */
  async quiet(): Promise<void> {
    for (;;) {
      await this.idle();
      if (!this.found && this.leases.tenants().length === 0) return;
      await this.timer.sleep(RENEW_MS);
    }
  }

  /** One look at the outbox table (coalesced): claims the leases of tenants with hints and dispatches their groups. */
  scan(): Promise<void> {
    if (this.pass) {
      this.passAgain = true;
      return this.pass;
    }
    const pass = this.runPasses()
      .catch((err: unknown) => this.log.warn('outbox.scan.failed', { error: errorText(err) }))
      .finally(() => (this.pass = undefined));
    this.pass = pass;
    return pass;
  }

  private async runPasses(): Promise<void> {
    do {
      this.passAgain = false;
      this.lastPass = this.timer.now();
      const tenants = await this.access.scan();
      this.found = tenants.some((t) => t.hints.length > 0 || t.handOvers.length > 0);
      for (const { tenantId, lease, hints, handOvers } of tenants) {
        if ((hints.length === 0 && handOvers.length === 0) || this.stopped) continue;
        if (!(await this.leases.claim(tenantId, lease))) continue;
        for (const hint of hints) this.dispatch(tenantId, hint.groupKey, hint);
        if (handOvers.length > 0) this.sendHandedOver(tenantId, handOvers);
      }
      await this.leases.maintain((tenant) => [...this.running.values()].some((r) => r.tenant === tenant));
    } while (this.passAgain && !this.stopped);
  }

  /** Sends what was handed over for a tenant this instance holds the lease of, after what is being sent (never left for a later pass). */
  private sendHandedOver(tenant: string, found: Parameters<HandOvers['run']>[1]): void {
    this.leases.used(tenant);
    const key = `handOvers|${tenant}`;
    const done = this.handOvers
      .run(tenant, found)
      .catch((err: unknown) => this.log.warn('outbox.handOvers.failed', { tenant, error: errorText(err) }))
      .finally(() => this.running.delete(key));
    this.running.set(key, { tenant, done });
  }

  /** Dispatches a group's steps (after the pass already running for it); drops its hint when all is out. */
  private dispatch(tenant: string, groupKey: string, hint?: { etag: string; at: string }): void {
    if ((this.notBefore.get(groupKey) ?? 0) > this.timer.now()) return;
    this.notBefore.delete(groupKey);
    this.leases.used(tenant);
    if (this.running.has(groupKey)) return void this.again.add(groupKey);
    const run = async (): Promise<void> => {
      let clear = true;
      do {
        this.again.delete(groupKey);
        clear = await this.dispatchGroup(groupKey);
      } while (clear && this.again.has(groupKey));
      const settledHint = hint && Date.parse(hint.at) < this.timer.now() - HINT_SETTLE_MS;
      if (clear && settledHint) await this.access.dropHint(tenant, groupKey, hint.etag);
    };
    const done = run()
      .catch((err: unknown) => this.log.warn('outbox.dispatch.failed', { groupKey, error: errorText(err) }))
      .finally(() => this.running.delete(groupKey));
    this.running.set(groupKey, { tenant, done });
  }

  /** Posts a group's pending steps in order; false when Teams kept failing (the rest waits for a later try). */
  private async dispatchGroup(groupKey: string): Promise<boolean> {
    for (const step of await this.access.pendingSteps(groupKey)) {
      if (!(await this.dispatchStep(step))) {
        this.notBefore.set(groupKey, this.timer.now() + RETRY_AFTER_GIVE_UP_MS);
        return false;
      }
    }
    return true;
  }

  /** Posts a step's remaining cards in order, marking each; false when Teams kept failing (try later). */
  private async dispatchStep(step: PendingStep): Promise<boolean> {
    const reference = step.conversation as Partial<ConversationReference>;
    let left = step;
    for (const { index, card } of step.cards) {
      let id: string;
      let stage: SendStage = 'render';
      try {
        const activity = card.activity
          ? (JSON.parse(card.activity) as Partial<Activity>)
          : card.shared && (await this.hooks.render(step, card.shared));
        stage = activity ? 'post' : 'empty';
        if (!activity) throw new Error(`card ${index} of step ${step.id} has nothing to post`);
        id = await this.outbox.postProactive(reference, activity, card.replaces);
      } catch (err) {
        if (!failedForGood(stage, err)) {
          this.log.warn('step.post.later', { step: step.id, status: statusOf(err), error: errorText(err) });
          return false;
        }
        this.log.warn('card.post.failed', { step: step.id, error: errorText(err) });
        await this.access.stepFailed(left);
        if (err instanceof ConversationGoneError) await this.hooks.gone(reference, err.status, err.code);
        await this.settle(step, true);
        return true;
      }
      await this.access.cardPosted(left, index, id);
      left = {
        ...left,
        cards: left.cards.filter((c) => c.index !== index),
        posted: { ...left.posted, [index]: id },
      };
    }
    await this.settle(step, false);
    return true;
  }

  private async settle(step: PendingStep, failed: boolean): Promise<void> {
    await this.hooks
      .settled(step, failed)
      .catch((err: unknown) => this.log.warn('step.settle.failed', { step: step.id, error: errorText(err) }));
  }
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
