/** Queries across a group's partition or across groups (the store's lists), on Table Storage. */
import type { Versioned } from '../domain/snapshot';
import type { Group, Meeting } from '../domain/types';
import type { Row } from './columns';
import { GROUP_ROW, MEETING_PREFIX, PERSON_ROWS, type PersonRowKind, type PersonRowOf } from './row-kinds';
import { rowToGroup, rowToMeeting, rowToPerson } from './rows';
import { escapeOData, guarded, type Tables } from './table-access';

/** The rows of a kind whose first key segment is `first` (e.g. the RSVPs to meeting 1). */
export function listPersonRows<K extends PersonRowKind>(
  tables: Tables,
  groupKey: string,
  kind: K,
  first: string | number,
): Promise<PersonRowOf<K>[]> {
  return guarded(kind, async () => {
    const prefix = `${PERSON_ROWS[kind].prefix}|${first}|`;
    const filter =
      `PartitionKey eq '${escapeOData(groupKey)}' and RowKey ge '${escapeOData(prefix)}' ` +
      `and RowKey lt '${escapeOData(prefix.slice(0, -1))}}'`;
    const rows: PersonRowOf<K>[] = [];
    for await (const row of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      rows.push(rowToPerson(kind, row as Row));
    }
    return rows;
  });
}

/** Every meeting in a status, across groups (the reminder scheduler's query). */
export function listMeetingsInStatus(
  tables: Tables,
  status: Meeting['status'],
): Promise<{ groupKey: string; meeting: Meeting }[]> {
  return guarded('meetings', async () => {
    const prefix = `${MEETING_PREFIX}|`;
    const filter =
      `RowKey ge '${escapeOData(prefix)}' and RowKey lt '${escapeOData(prefix.slice(0, -1))}}' ` +
      `and status eq '${escapeOData(status)}'`;
    const found: { groupKey: string; meeting: Meeting }[] = [];
    for await (const row of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      found.push({ groupKey: (row as Row).partitionKey, meeting: rowToMeeting(row as Row) });
    }
    return found;
  });
}

/** The keys of a tenant's groups (not being deleted). */
export function listTenantGroupKeys(tables: Tables, tenantId: string): Promise<string[]> {
  return guarded('groups', async () => {
    const filter = `RowKey eq '${GROUP_ROW}' and tenantId eq '${escapeOData(tenantId)}'`;
    const select = ['PartitionKey', 'deletedAt'];
    const keys: string[] = [];
    for await (const row of tables.groups.listEntities<Row>({ queryOptions: { filter, select } }))
      if (!(row as Row).deletedAt) keys.push((row as Row).partitionKey);
    return keys;
  });
}

/** A tenant's groups (not being deleted), with their ETags. */
export function listTenantGroups(tables: Tables, tenantId: string): Promise<Versioned<Group>[]> {
  return guarded('groups', async () => {
    const filter = `RowKey eq '${GROUP_ROW}' and tenantId eq '${escapeOData(tenantId)}'`;
    const groups: Versioned<Group>[] = [];
    for await (const row of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      const group = rowToGroup(row as Row);
      if (!group.deletedAt) groups.push({ value: group, etag: (row as Row).etag ?? '' });
    }
    return groups;
  });
}
