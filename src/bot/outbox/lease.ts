import type { OutboxAccess } from '../../app/outbox';
import type { Lease } from '../../domain/outbox';
import { ConflictError } from '../../domain/snapshot';
import type { Logger } from '../../log';
import type { Pacer, Timer } from './pacer';

/** A lease not renewed for this long may be taken over by another instance. */
export const LEASE_MS = 10_000;
/** How often the holder renews its lease (and writes its recent sends into it). */
export const RENEW_MS = 2_000;
/**
 * The holder sends only while its last renewal is younger than this: the rest of LEASE_MS is the
 * margin for clocks that differ between instances and for a send in flight.
 */
export const SEND_WITHIN_MS = 6_000;
/** After this long with nothing to send the holder lets its lease go (its recent sends pass on with it). */
const IDLE_RELEASE_MS = 10_000;
/**
 * Sends assumed per conversation, at the end of the time it could still send, when taking over a
 * lease whose holder stopped without handing its record on: what Teams allows in SEND_WITHIN_MS − RENEW_MS.
 */
const UNRECORDED_SENDS = 16;

interface Held {
  etag: string;
  renewed: number;
  lastUse: number;
}

/**
 * This instance's leases on sending for tenants (docs/storage.md, "The outbox"): a row per tenant
 * with an ETag, renewed every RENEW_MS, taken over by another instance once it lapses, let go when
 * idle. While it holds a tenant's lease, only this instance sends for the tenant, so Teams' limits
 * per conversation and per tenant hold across instances; the sends of the last 30 s pass on with it.
 */
export class Leases {
  private readonly held = new Map<string, Held>();
  /** Another instance's lease as last read: until when it holds, and when it was read (a clock set back forgets it). */
  private readonly others = new Map<string, { until: number; read: number }>();
  /** The leases this instance let go, as it wrote them: taken again with one write if no one took them since. */
  private readonly released = new Map<string, { value: Lease; etag: string }>();
  /**
   * The lease writes (claims, renewals, releases) under way, per tenant: one at a time, each after
   * the last, so two of this instance's own writes never carry the same ETag (the second would fail
   * and leave it believing another instance holds its lease).
   */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: OutboxAccess,
    readonly instance: string,
    private readonly timer: Timer,
    private readonly log: Logger,
    private readonly pacer: () => Pacer,
  ) {}

  /** True while this instance may send for the tenant. */
  owns(tenant: string): boolean {
    const held = this.held.get(tenant);
    return held !== undefined && this.timer.now() < held.renewed + SEND_WITHIN_MS;
  }

  /** True when another instance held the tenant's lease when it was last read, and still would. */
  heldElsewhere(tenant: string): boolean {
    const other = this.others.get(tenant);
    const now = this.timer.now();
    return other !== undefined && other.until > now && now >= other.read;
  }

  /** The tenants whose leases this instance holds. */
  tenants(): string[] {
    return [...this.held.keys()];
  }

  /** Something was sent (or is to be) for the tenant: its lease is not idle. */
  used(tenant: string): void {
    const held = this.held.get(tenant);
    if (held) held.lastUse = this.timer.now();
  }

  /**
   * Takes the tenant's lease when it is free, let go or lapsed (`seen`: as the outbox table showed
   * it; none: there is no lease row); true when this instance holds it.
   */
  claim(tenant: string, seen: { value: Lease; etag: string } | undefined): Promise<boolean> {
    return this.serially(tenant, () =>
      this.owns(tenant) ? Promise.resolve(true) : this.write1(tenant, seen),
    );
  }

  /** Runs a lease write of the tenant after those already under way. */
  private serially<T>(tenant: string, write: () => Promise<T>): Promise<T> {
    const before = this.writing.get(tenant) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(write);
    this.writing.set(tenant, next);
    const forget = (): void => {
      if (this.writing.get(tenant) === next) this.writing.delete(tenant);
    };
    next.then(forget, forget);
    return next;
  }

  /**
   * Whether this instance sends for the tenant now: true when it holds the lease or takes it (one
   * write when it let the lease go itself; else one look at the outbox table first); false when
   * another instance holds it (as last seen, or as the look or the write found).
   */
  async sendsHere(tenant: string): Promise<boolean> {
    if (this.owns(tenant)) return true;
    if (this.heldElsewhere(tenant)) return false;
    const seen =
      this.released.get(tenant) ?? (await this.store.scan()).find((t) => t.tenantId === tenant)?.lease;
    return this.claim(tenant, seen);
  }

  private async write1(tenant: string, seen: { value: Lease; etag: string } | undefined): Promise<boolean> {
    const now = this.timer.now();
    const previous = seen?.value;
    // No other instance writes this one's name: a row naming it is its own, whatever it holds now.
    const mine = previous?.owner === this.instance;
    if (previous && !mine && previous.until > now) {
      this.others.set(tenant, { until: previous.until, read: now });
      return false;
    }
    // Its own renewal may have followed the look at the table: its last write's ETag is the newer.
    const etag = (mine && this.held.get(tenant)?.etag) || seen?.etag;
    try {
      const lease: Lease = {
        owner: this.instance,
        until: now + LEASE_MS,
        renewed: now,
        sent: previous?.sent ?? {},
      };
      const written = await this.store.writeLease(tenant, lease, etag);
      this.held.set(tenant, { etag: written, renewed: now, lastUse: now });
      this.others.delete(tenant);
      this.released.delete(tenant);
      if (previous && previous.owner !== this.instance) {
        const lapsed = previous.until > 0;
        const assumeUnrecorded = lapsed
          ? { count: UNRECORDED_SENDS, at: previous.renewed + SEND_WITHIN_MS }
          : undefined;
        this.pacer().adopt(tenant, { at: previous.renewed, sent: previous.sent, assumeUnrecorded });
        this.log.info('lease.taken', { tenant, from: previous.owner, lapsed });
      }
      return true;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Another instance wrote it first: it holds it for now; look again after one renewal.
      this.held.delete(tenant);
      this.released.delete(tenant);
      this.others.set(tenant, { until: now + RENEW_MS, read: now });
      return false;
    }
  }

  /** Renews the leases that are due, with the sends of their last 30 s; lets go of those idle (`busy`: not idle). */
  async maintain(busy: (tenant: string) => boolean): Promise<void> {
    for (const tenant of this.tenants()) {
      await this.serially(tenant, async () => {
        const held = this.held.get(tenant);
        const now = this.timer.now();
        if (!held) return;
        if (now - held.lastUse > IDLE_RELEASE_MS && !busy(tenant)) await this.release(tenant);
        // Renewed when due, or at once when the clock was set back (the row's times are ahead of it).
        else if (now - held.renewed >= RENEW_MS || now < held.renewed)
          await this.write(tenant, held, now + LEASE_MS);
      });
    }
  }

  /** Lets go of every lease, handing on the sends of the last 30 s (stopping). */
  async releaseAll(): Promise<void> {
    await Promise.allSettled(
      this.tenants().map((tenant) => this.serially(tenant, () => this.release(tenant))),
    );
  }

  private async release(tenant: string): Promise<void> {
    const held = this.held.get(tenant);
    const value = held && (await this.write(tenant, held, 0));
    this.held.delete(tenant);
    if (held && value) this.released.set(tenant, { value, etag: held.etag });
  }

  /** Writes the lease under the ETag held; what it wrote, or nothing when that failed. */
  private async write(tenant: string, held: Held, until: number): Promise<Lease | undefined> {
    const now = this.timer.now();
    const { sent } = this.pacer().record(tenant);
    const value = { owner: this.instance, until, renewed: now, sent };
    try {
      held.etag = await this.store.writeLease(tenant, value, held.etag);
      held.renewed = now;
      return value;
    } catch (err) {
      if (!(err instanceof ConflictError)) {
        this.log.warn('lease.renew.failed', {
          tenant,
          error: err instanceof Error ? err.message : String(err),
        });
        return undefined;
      }
      if (this.held.get(tenant) === held) this.held.delete(tenant);
      this.log.warn('lease.lost', { tenant });
      return undefined;
    }
  }
}
