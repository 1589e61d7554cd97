import { TableClient } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { Actor, AppDeps } from '../../src/app/context';
import { joinGroup, setupGroup } from '../../src/app/group';
import { saveInvitation } from '../../src/app/invitation';
import type { Group } from '../../src/domain/types';
import { azuriteConnectionString, openTableStore } from '../../src/store/connect';
import { ConflictError, StorageUnavailableError } from '../../src/store/group-store';
import { groupKeyOf, userKeyPart } from '../../src/store/keys';
import { personRowKey } from '../../src/store/rows';
import { TableGroupStore } from '../../src/store/table-group-store';
import { testConnectionString } from '../support/azurite';
import { sampleGroup } from '../support/card-gallery';
import { sampleSnapshot } from '../support/sample-programme';
import { seedSnapshot } from '../support/seed';

let store: TableGroupStore;
beforeAll(async () => {
  store = await openTableStore({ connectionString: testConnectionString() });
});

function freshGroup(): Group {
  return { ...sampleGroup(), key: groupKeyOf('tenant', `19:${randomUUID()}@thread.v2`) };
}

describe('TableGroupStore on Azurite', () => {
  it('stores a group with its roster and reads it back exactly', async () => {
    const group = freshGroup();
    await store.createGroup(group);
    const loaded = await store.loadGroup(group.key);
    expect(loaded?.value).toEqual(group);
    expect(loaded?.etag).toBeTruthy();
  });

  it('refuses to create the same group twice', async () => {
    const group = freshGroup();
    await store.createGroup(group);
    await expect(store.createGroup({ ...group, name: 'Anden' })).rejects.toBeInstanceOf(ConflictError);
    expect((await store.loadGroup(group.key))?.value.name).toBe(group.name);
  });

  it('refuses a write based on a stale ETag and keeps the newer one', async () => {
    const group = freshGroup();
    const v1 = await store.createGroup(group);
    await store.saveGroup({ ...v1, value: { ...group, name: 'Første' } });
    await expect(store.saveGroup({ ...v1, value: { ...group, name: 'Anden' } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store.loadGroup(group.key))?.value.name).toBe('Første');
  });

  it('keeps one RSVP per member per meeting, and reads a meeting’s RSVPs only', async () => {
    const group = freshGroup();
    await store.createGroup(group);
    const [a, b] = group.members;
    await store.putPersonRow(group.key, 'rsvps', {
      meeting: 1,
      userId: a.userId,
      name: a.name,
      response: 'yes',
      at: '1',
    });
    await store.putPersonRow(group.key, 'rsvps', {
      meeting: 1,
      userId: a.userId,
      name: a.name,
      response: 'no',
      at: '2',
    });
    await store.putPersonRow(group.key, 'rsvps', {
      meeting: 2,
      userId: b.userId,
      name: b.name,
      response: 'maybe',
      at: '3',
    });
    await store.putPersonRow(group.key, 'rsvps', {
      meeting: 1,
      userId: b.userId,
      name: b.name,
      response: 'maybe',
      at: '4',
    });
    const rsvps = await store.listPersonRows(group.key, 'rsvps', 1);
    expect(rsvps.map((r) => `${r.name}: ${r.response}`).sort()).toEqual(
      [`${a.name}: no`, `${b.name}: maybe`].sort(),
    );
  });

  it('reads the whole group in one partition query', async () => {
    const group = freshGroup();
    await store.createGroup(group);
    const meeting = {
      number: 2,
      status: 'invited' as const,
      date: '2027-02-11',
      start: '13:00',
      end: '15:00',
      location: 'x',
      text: 'y',
      updatedAt: '',
    };
    await store.saveMeeting(group.key, meeting, undefined);
    await store.saveMeeting(group.key, { ...meeting, number: 1 }, undefined);
    await store.putPersonRow(group.key, 'rsvps', {
      meeting: 1,
      userId: group.members[0].userId,
      name: 'n',
      response: 'yes',
      at: '',
    });
    const snapshot = await store.loadPartition(group.key);
    expect(snapshot?.group.value.name).toBe(group.name);
    expect(snapshot?.meetings.map((m) => m.value.number)).toEqual([1, 2]);
    expect(snapshot?.rsvps).toHaveLength(1);
    expect(await store.loadPartition(groupKeyOf('tenant', 'no such chat'))).toBeUndefined();
  });

  it('reads only what a turn about meeting n needs: the group, meetings n−1 and n, and meeting n’s rows', async () => {
    const programme = sampleSnapshot();
    const chat = { conversationId: `19:${randomUUID()}@thread.v2`, tenantId: 'tenant', serviceUrl: '' };
    const key = await seedSnapshot(store, chat, programme);
    const whole = (await store.loadPartition(key))!;
    for (const n of [1, 2, 3, 4]) {
      const scoped = (await store.loadMeetingPartition(key, n))!;
      expect(scoped.group.value).toEqual(whole.group.value);
      expect(scoped.meetings.map((m) => m.value.number)).toEqual([n - 1, n].filter((m) => m > 0));
      expect(scoped.meetings).toEqual(whole.meetings.filter((m) => [n - 1, n].includes(m.value.number)));
      for (const kind of ['rsvps', 'answers', 'votes'] as const) {
        expect(scoped[kind]).toEqual(whole[kind].filter((r) => r.meeting === n));
      }
      expect(scoped.answers.length).toBeGreaterThan(0);
      expect(scoped.answers.length).toBeLessThan(whole.answers.length);
      expect(scoped.proposals).toEqual(n === 4 ? whole.proposals : []);
      expect(scoped.projectVotes).toEqual([]);
      expect(scoped.project).toBeUndefined();
    }
    expect(await store.loadMeetingPartition(groupKeyOf('tenant', 'no such chat'), 1)).toBeUndefined();
  });

  it('makes any conversation or user id safe for keys', () => {
    const key = groupKeyOf('t', '19:abc/def#x?y\\z@thread.v2;messageid=1');
    expect(key).toMatch(/^g-[A-Za-z0-9_-]{32}$/);
    expect(userKeyPart('29:1a2b/#?')).toMatch(/^h-[A-Za-z0-9_-]{32}$/);
    const rsvp = {
      meeting: 1,
      userId: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
      name: '',
      response: 'yes' as const,
      at: '',
    };
    expect(personRowKey('rsvps', rsvp)).toBe('rsvp|1|3f2504e0-4f89-41d3-9a0c-0305e82c3301');
  });
});

describe('the use cases on Azurite', () => {
  const deps = (): AppDeps => ({
    store,
    now: () => new Date('2026-11-26T09:00:00Z'),
    timeZone: 'Europe/Copenhagen',
    defaultLanguage: 'da',
    coordinatorTitle: () => 'Koordinatoren',
  });
  const actorIn = (conversationId: string, name: string): Actor => ({
    tenantId: 'tenant',
    groupKey: groupKeyOf('tenant', conversationId),
    userId: randomUUID(),
    name,
    language: 'da',
    chat: 'group',
    conversation: {},
  });

  it('lets exactly six of seven people who click "Jeg er med" at the same moment in', async () => {
    const chat = `19:${randomUUID()}@thread.v2`;
    const coordinator = actorIn(chat, 'Karen Holm');
    expect(
      (await setupGroup(deps(), coordinator, { name: 'Søbakken', association: 'Kilden', area: 'Afd. 7' })).ok,
    ).toBe(true);
    const people = Array.from({ length: 7 }, (_, i) => actorIn(chat, `Person ${i}`));
    const results = await Promise.all(
      people.map((p) => joinGroup(deps(), p, { roleCategory: 'imellem', roleTitle: 'Varmemester' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refusal)).toEqual(['groupFull']);
    const stored = await store.loadGroup(coordinator.groupKey);
    expect(new Set(stored?.value.members.map((m) => m.userId)).size).toBe(6);
  });

  it('answers "storage unavailable" when Azurite cannot be reached, and loses nothing written before', async () => {
    const chat = `19:${randomUUID()}@thread.v2`;
    const coordinator = actorIn(chat, 'Karen Holm');
    await setupGroup(deps(), coordinator, { name: 'Søbakken', association: 'Kilden', area: 'Afd. 7' });
    const down = await openTableStore({ connectionString: azuriteConnectionString('127.0.0.1', 1) }).catch(
      (e: unknown) => e,
    );
    expect(down).toBeInstanceOf(StorageUnavailableError);
    const unreachable = TableClient.fromConnectionString(azuriteConnectionString('127.0.0.1', 1), 'groups', {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const offline = new TableGroupStore(
      { groups: unreachable, coordinators: unreachable, activities: unreachable, outbox: unreachable },
      'test',
    );
    const outcome = await saveInvitation({ ...deps(), store: offline }, coordinator, { meeting: 1 });
    expect(outcome).toMatchObject({ ok: false, refusal: 'storageUnavailable' });
    await expect(offline.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
    expect((await store.loadGroup(coordinator.groupKey))?.value.name).toBe('Søbakken');
  });
});
