import { RestError, type TableClient } from '@azure/data-tables';
import type { Group, Meeting, Rsvp } from '../domain/types';
import {
  groupToRow,
  meetingToRow,
  rowToGroup,
  rowToMeeting,
  rowToRsvp,
  rsvpToRow,
  type Row,
} from './entities';
import {
  ConflictError,
  StorageUnavailableError,
  type GroupSnapshot,
  type GroupStore,
  type Versioned,
} from './group-store';
import { coordinatorKeyOf, GROUP_ROW, meetingRow, rsvpPrefix } from './keys';

/** The two tables the store uses. */
export interface Tables {
  groups: TableClient;
  coordinators: TableClient;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : undefined;
}

/** Translates SDK errors into the store's error vocabulary. */
async function guarded<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    const status = statusOf(err);
    if (status === 412 || status === 409) throw new ConflictError(what);
    if (status === undefined || status >= 500 || status === 408) throw new StorageUnavailableError(err);
    throw err;
  }
}

async function getRow(client: TableClient, pk: string, rk: string): Promise<Row | undefined> {
  try {
    return (await client.getEntity<Row>(pk, rk)) as Row;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

function escapeOData(s: string): string {
  return s.replace(/'/g, "''");
}

/** GroupStore on Azure Table Storage (or Azurite): one partition per group. */
export class TableGroupStore implements GroupStore {
  constructor(private readonly tables: Tables) {}

  loadGroup(groupKey: string): Promise<Versioned<Group> | undefined> {
    return guarded('group', async () => {
      const row = await getRow(this.tables.groups, groupKey, GROUP_ROW);
      return row && { value: rowToGroup(row), etag: row.etag ?? '' };
    });
  }

  createGroup(group: Group): Promise<Versioned<Group>> {
    return guarded('group', async () => {
      const res = await this.tables.groups.createEntity(groupToRow(group));
      return { value: group, etag: res.etag ?? '' };
    });
  }

  saveGroup(group: Versioned<Group>): Promise<Versioned<Group>> {
    return guarded('group', async () => {
      const res = await this.tables.groups.updateEntity(groupToRow(group.value), 'Replace', {
        etag: group.etag,
      });
      return { value: group.value, etag: res.etag ?? '' };
    });
  }

  loadMeeting(groupKey: string, meeting: number): Promise<Versioned<Meeting> | undefined> {
    return guarded('meeting', async () => {
      const row = await getRow(this.tables.groups, groupKey, meetingRow(meeting));
      return row && { value: rowToMeeting(row), etag: row.etag ?? '' };
    });
  }

  saveMeeting(groupKey: string, meeting: Meeting, etag: string | undefined): Promise<Versioned<Meeting>> {
    return guarded('meeting', async () => {
      const row = meetingToRow(groupKey, meeting);
      const res =
        etag === undefined
          ? await this.tables.groups.createEntity(row)
          : await this.tables.groups.updateEntity(row, 'Replace', { etag });
      return { value: meeting, etag: res.etag ?? '' };
    });
  }

  putRsvp(groupKey: string, rsvp: Rsvp): Promise<void> {
    return guarded('rsvp', async () => {
      await this.tables.groups.upsertEntity(rsvpToRow(groupKey, rsvp), 'Replace');
    });
  }

  listRsvps(groupKey: string, meeting: number): Promise<Rsvp[]> {
    return guarded('rsvps', async () => {
      const prefix = rsvpPrefix(meeting);
      const filter =
        `PartitionKey eq '${escapeOData(groupKey)}' and RowKey ge '${escapeOData(prefix)}' ` +
        `and RowKey lt '${escapeOData(prefix.slice(0, -1))}}'`;
      const rsvps: Rsvp[] = [];
      for await (const row of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        rsvps.push(rowToRsvp(row as Row));
      }
      return rsvps;
    });
  }

  loadPartition(groupKey: string): Promise<GroupSnapshot | undefined> {
    return guarded('partition', async () => {
      const filter = `PartitionKey eq '${escapeOData(groupKey)}'`;
      let group: Versioned<Group> | undefined;
      const meetings: Versioned<Meeting>[] = [];
      const rsvps: Rsvp[] = [];
      for await (const entity of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        const row = entity as Row;
        const etag = row.etag ?? '';
        if (row.rowKey === GROUP_ROW) group = { value: rowToGroup(row), etag };
        else if (row.rowKey.startsWith('meeting|')) meetings.push({ value: rowToMeeting(row), etag });
        else if (row.rowKey.startsWith('rsvp|')) rsvps.push(rowToRsvp(row));
      }
      meetings.sort((a, b) => a.value.number - b.value.number);
      return group && { group, meetings, rsvps };
    });
  }

  indexCoordinator(tenantId: string, userId: string, groupKey: string, groupName: string): Promise<void> {
    return guarded('coordinator index', async () => {
      const row = { partitionKey: coordinatorKeyOf(tenantId, userId), rowKey: groupKey, groupName };
      await this.tables.coordinators.upsertEntity(row, 'Replace');
    });
  }

  ping(): Promise<void> {
    return guarded('ping', async () => {
      const pages = this.tables.groups
        .listEntities({ queryOptions: { filter: "PartitionKey eq 'ping'" } })
        .byPage({ maxPageSize: 1 });
      await pages.next();
    });
  }
}
