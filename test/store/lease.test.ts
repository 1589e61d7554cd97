/**
 * Issue 23 point 3 on Azurite: a tenant's outbox lease is held by one instance at a time (a row
 * with an ETag), renewed by its holder, taken over by another instance only once it lapsed, and
 * the previous holder's recent sends pass on with it, so Teams' limits hold across instances.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxAccess } from '../../src/app/outbox';
import { Leases, LEASE_MS, RENEW_MS, SEND_WITHIN_MS } from '../../src/bot/outbox/lease';
import { Pacer, type Timer } from '../../src/bot/outbox/pacer';
import { createLogger } from '../../src/log';
import { openTableStore } from '../../src/store/connect';
import type { TableGroupStore } from '../../src/store/table-group-store';
import { testConnectionString } from '../support/azurite';

let store: TableGroupStore;
beforeAll(async () => {
  store = await openTableStore({ connectionString: testConnectionString() }, { outboxScope: randomUUID() });
});

/**
 * One instance: its clock (shared by the test), pacer and leases; `beforeWrite` runs before each
 * lease write reaches storage (a test may hold it there).
 */
function instance(
  name: string,
  clock: { t: number },
  beforeWrite: () => Promise<void> = async () => undefined,
): { leases: Leases; pacer: Pacer } {
  const timer: Timer = { now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
  const log = createLogger('silent');
  const pacer = new Pacer(log, timer, () => undefined);
  const access: Pick<OutboxAccess, 'writeLease' | 'scan'> = {
    writeLease: async (tenant, lease, etag) => {
      await beforeWrite();
      return store.writeLease(tenant, lease, etag);
    },
    scan: () => store.scanOutbox(),
  };
  return { leases: new Leases(access as OutboxAccess, name, timer, log, () => pacer), pacer };
}

async function leaseOf(tenantId: string): Promise<Parameters<Leases['claim']>[1]> {
  return (await store.scanOutbox()).find((t) => t.tenantId === tenantId)?.lease;
}

it('is held by one instance, renewed, and taken over only after it lapsed, with the sends it recorded', async () => {
  const clock = { t: 1_000_000 };
  const a = instance('a', clock);
  const b = instance('b', clock);
  const tenant = randomUUID();
  const conversation = `19:${randomUUID()}@thread.v2`;

  expect(await a.leases.claim(tenant, await leaseOf(tenant))).toBe(true);
  expect(await b.leases.claim(tenant, await leaseOf(tenant))).toBe(false);
  // A sends 10 messages into a conversation, then renews (its record goes into the lease row).
  for (let k = 0; k < 10; k++) await a.pacer.run({ conversation, tenant }, async () => undefined);
  clock.t += RENEW_MS;
  await a.leases.maintain(() => true);
  expect(a.leases.owns(tenant)).toBe(true);
  // Still held: renewed within LEASE_MS.
  clock.t += LEASE_MS - 1;
  expect(await b.leases.claim(tenant, await leaseOf(tenant))).toBe(false);
  expect(a.leases.owns(tenant)).toBe(false);
  // Lapsed: B takes it and knows A's sends; A's next renewal finds it lost.
  clock.t += 2;
  expect(await b.leases.claim(tenant, await leaseOf(tenant))).toBe(true);
  await a.leases.maintain(() => true);
  expect(a.leases.tenants()).toEqual([]);
  const handed = (await leaseOf(tenant))!.value;
  expect(handed.owner).toBe('b');
  // B's first send into the conversation counts A's 10 (and those A may not have recorded).
  await b.pacer.run({ conversation, tenant }, async () => undefined);
  expect(Object.values(b.pacer.record(tenant).sent)[0].length).toBeGreaterThanOrEqual(11);
});

it('two instances claiming a free lease at once: one gets it', async () => {
  const clock = { t: 2_000_000 };
  const tenant = randomUUID();
  const [a, b] = [instance('a', clock), instance('b', clock)];
  const claims = await Promise.all([a.leases.claim(tenant, undefined), b.leases.claim(tenant, undefined)]);
  expect(claims.filter(Boolean)).toHaveLength(1);
});

it('is taken back with one write by the instance that let it go, and never while another holds it', async () => {
  const clock = { t: 3_000_000 };
  const tenant = randomUUID();
  const [a, b] = [instance('a', clock), instance('b', clock)];
  // A card refresh on A: no lease row yet, so A creates it and sends itself.
  expect(await a.leases.sendsHere(tenant)).toBe(true);
  // B's refreshes while A holds it go to A (B looked: it knows A holds it until its lease lapses).
  expect(await b.leases.sendsHere(tenant)).toBe(false);
  expect(b.leases.heldElsewhere(tenant)).toBe(true);
  // A is idle for a while and lets it go; B has not looked since.
  clock.t += 11_000;
  await a.leases.maintain(() => false);
  expect(a.leases.tenants()).toEqual([]);
  // A's next refresh takes it back under the ETag it wrote when letting go: no read needed.
  expect(await a.leases.sendsHere(tenant)).toBe(true);
  clock.t += RENEW_MS + 1;
  expect(await b.leases.sendsHere(tenant)).toBe(false);
  expect((await leaseOf(tenant))!.value.owner).toBe('a');
});

describe('an instance never takes its own lease for that of another instance', () => {
  it('claims with what the table showed before its own renewal: it still holds the lease', async () => {
    const clock = { t: 4_000_000 };
    const tenant = randomUUID();
    const [a, b] = [instance('a', clock), instance('b', clock)];
    expect(await a.leases.claim(tenant, undefined)).toBe(true);
    // A's last renewal is too old to send on; a turn looks at the table, then A's pass renews.
    clock.t += SEND_WITHIN_MS;
    const seen = await leaseOf(tenant);
    await a.leases.maintain(() => true);
    clock.t += SEND_WITHIN_MS;
    // The turn's claim carries the ETag from before the renewal: A still sends, and B does not.
    expect(await a.leases.claim(tenant, seen)).toBe(true);
    expect(a.leases.heldElsewhere(tenant)).toBe(false);
    expect(await a.leases.sendsHere(tenant)).toBe(true);
    expect(await b.leases.claim(tenant, await leaseOf(tenant))).toBe(false);
  });

  it('a claim made while its renewal is on its way to storage: it still holds the lease', async () => {
    const clock = { t: 5_000_000 };
    const tenant = randomUUID();
    let hold: Promise<void> | undefined;
    const a = instance('a', clock, () => hold ?? Promise.resolve());
    const b = instance('b', clock);
    expect(await a.leases.claim(tenant, undefined)).toBe(true);
    clock.t += SEND_WITHIN_MS;
    const seen = await leaseOf(tenant);
    // The renewal's write is held before it reaches storage while a turn claims the lease.
    let letGo!: () => void;
    hold = new Promise((resolve) => (letGo = resolve));
    const renewal = a.leases.maintain(() => true);
    const claim = a.leases.claim(tenant, seen);
    await new Promise((resolve) => setTimeout(resolve, 50));
    hold = undefined;
    letGo();
    await renewal;
    expect(await claim).toBe(true);
    expect(a.leases.tenants()).toEqual([tenant]);
    expect(a.leases.owns(tenant)).toBe(true);
    expect(await b.leases.claim(tenant, await leaseOf(tenant))).toBe(false);
  });

  it('a lease another instance held is not taken for held for days when the clock is set back', async () => {
    const clock = { t: 1_800_000_000_000 };
    const tenant = randomUUID();
    const [a, b] = [instance('a', clock), instance('b', clock)];
    expect(await a.leases.claim(tenant, undefined)).toBe(true);
    expect(await b.leases.sendsHere(tenant)).toBe(false);
    expect(b.leases.heldElsewhere(tenant)).toBe(true);
    // A lets it go; B's clock is set back a day: B looks again instead of waiting a day.
    clock.t += 11_000;
    await a.leases.maintain(() => false);
    clock.t -= 24 * 3600 * 1000;
    expect(b.leases.heldElsewhere(tenant)).toBe(false);
    expect(await b.leases.sendsHere(tenant)).toBe(true);
  });
});
