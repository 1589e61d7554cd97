/**
 * The durable outbox on Azurite 3.37: a step and its cards commit in one entity-group transaction,
 * two coordinators taking the same step at once make one transition and one set of cards, cards
 * are marked posted one by one and the last one finishes the step; the lease is a row with an ETag.
 */
import { randomUUID } from 'node:crypto';
import type { OutgoingCard, StepCommit } from '../../src/domain/outbox';
import type { Meeting } from '../../src/domain/types';
import { openTableStore } from '../../src/store/connect';
import { ConflictError } from '../../src/store/group-store';
import { groupKeyOf } from '../../src/store/keys';
import type { TableGroupStore } from '../../src/store/table-group-store';
import { testConnectionString } from '../support/azurite';
import { sampleGroup } from '../support/card-gallery';

let store: TableGroupStore;
beforeAll(async () => {
  store = await openTableStore({ connectionString: testConnectionString() }, { outboxScope: randomUUID() });
});

const running: Meeting = {
  number: 1,
  status: 'running',
  date: '',
  start: '',
  end: '',
  location: '',
  text: '',
  updatedAt: '',
};

async function groupWithMeeting(): Promise<{ key: string; etag: string; tenantId: string }> {
  const tenantId = randomUUID();
  const key = groupKeyOf(tenantId, `19:${randomUUID()}@thread.v2`);
  await store.createGroup({ ...sampleGroup(), key, tenantId });
  const { etag } = await store.saveMeeting(key, running, undefined);
  return { key, etag, tenantId };
}

const card = (text: string): OutgoingCard => ({ role: 'shown', activity: JSON.stringify({ text }) });

function reveal(tenantId: string, attempt = 0): StepCommit {
  const mark = { step: 'reveal' as const, since: 'now', failed: false, attempt };
  return {
    id: `m1.reveal.${attempt}`,
    tenantId,
    meeting: 1,
    conversation: { conversation: { id: 'c' } },
    cards: [card('part 1'), card('part 2')],
    finish: { unposted: { meeting: 1, mark } },
  };
}

const revealed = (attempt = 0): Meeting => ({
  ...running,
  status: 'revealed',
  unposted: { step: 'reveal', since: 'now', failed: false, attempt },
});

describe('a step and its cards in one transaction', () => {
  it('two coordinators taking the same step at once: one transition, one set of cards', async () => {
    for (let i = 0; i < 20; i++) {
      const { key, etag, tenantId } = await groupWithMeeting();
      const both = await Promise.allSettled(
        [0, 1].map(() => store.commitStep(key, reveal(tenantId), { meeting: { value: revealed(), etag } })),
      );
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConflictError);
      const pending = await store.pendingSteps(key);
      expect(pending).toHaveLength(1);
      expect(pending[0].cards.map((c) => JSON.parse(c.card.activity!).text)).toEqual(['part 1', 'part 2']);
    }
  });

  it('refuses a stale ETag inside the transaction, and a step committed before, writing nothing of either', async () => {
    const { key, etag, tenantId } = await groupWithMeeting();
    await store.saveMeeting(key, { ...running, text: 'changed' }, etag);
    await expect(
      store.commitStep(key, reveal(tenantId), { meeting: { value: revealed(), etag } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.pendingSteps(key)).toEqual([]);
    expect((await store.loadMeeting(key, 1))!.value.status).toBe('running');

    const fresh = (await store.loadMeeting(key, 1))!;
    await store.commitStep(key, reveal(tenantId), { meeting: { value: revealed(), etag: fresh.etag } });
    const step = (await store.pendingSteps(key))[0];
    await store.cardPosted(step, 0, 'activity-1');
    await store.cardPosted({ ...step, cards: step.cards.slice(1), posted: { 0: 'activity-1' } }, 1, 'a-2');
    // The cards are out and their rows gone; a late commit of the same step, with a current ETag, still fails.
    const now = (await store.loadMeeting(key, 1))!;
    await expect(
      store.commitStep(key, reveal(tenantId), { meeting: { value: revealed(), etag: now.etag } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.pendingSteps(key)).toEqual([]);
  });

  it('marks cards posted one by one; the last clears the meeting’s mark and keeps the ids for a deletion', async () => {
    const { key, etag, tenantId } = await groupWithMeeting();
    const commit = {
      ...reveal(tenantId),
      cards: [{ role: 'statusCard' as const, shared: 'meetingStatus' as const }, card('x')],
    };
    await store.commitStep(key, commit, { meeting: { value: revealed(), etag } });
    const step = (await store.pendingSteps(key))[0];
    await store.cardPosted(step, 0, 'status-1');
    const rest = (await store.pendingSteps(key))[0];
    expect(rest.cards.map((c) => c.index)).toEqual([1]);
    expect(rest.posted).toEqual({ 0: 'status-1' });
    expect((await store.loadMeeting(key, 1))!.value.unposted).toBeDefined();
    await store.cardPosted(rest, 1, 'shown-1');
    expect(await store.pendingSteps(key)).toEqual([]);
    const meeting = (await store.loadMeeting(key, 1))!.value;
    expect(meeting.unposted).toBeUndefined();
    expect(meeting.statusCardId).toBe('status-1');
    expect(meeting.status).toBe('revealed');
    await store.recordPosted(key, undefined, 'summary-1');
    expect((await store.loadPartition(key))!.posted).toEqual(
      expect.arrayContaining([
        { meeting: 1, ids: ['shown-1'] },
        { meeting: undefined, ids: ['summary-1'] },
      ]),
    );
  });

  it('a step Teams refused for good frees the coordinator to take it again', async () => {
    const { key, etag, tenantId } = await groupWithMeeting();
    await store.commitStep(key, reveal(tenantId), { meeting: { value: revealed(), etag } });
    await store.stepFailed((await store.pendingSteps(key))[0]);
    expect(await store.pendingSteps(key)).toEqual([]);
    const failed = (await store.loadMeeting(key, 1))!;
    expect(failed.value.unposted).toMatchObject({ step: 'reveal', failed: true });
    await store.commitStep(key, reveal(tenantId, 1), { meeting: { value: revealed(1), etag: failed.etag } });
    expect((await store.pendingSteps(key)).map((s) => s.id)).toEqual(['m1.reveal.1']);
  });
});

describe('the outbox table', () => {
  it('finds hints and handed-over sends by tenant; a lease is created once and replaced only with its ETag', async () => {
    const { key, etag, tenantId } = await groupWithMeeting();
    await store.commitStep(key, reveal(tenantId), { meeting: { value: revealed(), etag } });
    await store.handOver(tenantId, 'q|1', '{"kind":"post"}');
    const lease = { owner: 'a', until: Date.now() + 10_000, renewed: Date.now(), sent: {} };
    const first = await store.writeLease(tenantId, lease, undefined);
    await expect(store.writeLease(tenantId, { ...lease, owner: 'b' }, undefined)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const renewed = await store.writeLease(tenantId, { ...lease, until: lease.until + 1 }, first);
    await expect(store.writeLease(tenantId, { ...lease, owner: 'b' }, first)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const [found] = (await store.scanOutbox()).filter((t) => t.tenantId === tenantId);
    expect(found.lease).toEqual({ value: { ...lease, until: lease.until + 1 }, etag: renewed });
    expect(found.hints.map((h) => h.groupKey)).toEqual([key]);
    expect(found.handOvers.map((h) => [h.key, h.job])).toEqual([['q|1', '{"kind":"post"}']]);
    await store.handOver(tenantId, 'q|1', '{"kind":"post","again":true}');
    expect(await store.dropHandOver(tenantId, 'q|1', found.handOvers[0].etag)).toBe(false);
    expect(await store.dropHint(tenantId, key, found.hints[0].etag)).toBe(true);
    const [after] = (await store.scanOutbox()).filter((t) => t.tenantId === tenantId);
    expect(after.hints).toEqual([]);
    expect(after.handOvers.map((h) => h.job)).toEqual(['{"kind":"post","again":true}']);
  });
});
