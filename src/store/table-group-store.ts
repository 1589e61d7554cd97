import type { Group, Meeting, Project } from '../domain/types';
import type { Row } from './columns';
import type { GroupSnapshot, GroupStore, PersonRowKind, PersonRowOf, Versioned } from './group-store';
import { activityRow, coordinatorKeyOf, reminderRow } from './keys';
import { GROUP_ROW, MEETING_PREFIX, PERSON_ROWS } from './row-kinds';
import {
  groupToRow,
  meetingRow,
  meetingToRow,
  personToRow,
  projectToRow,
  rowToGroup,
  rowToMeeting,
  rowToPerson,
} from './rows';
import { claim, escapeOData, getRow, guarded } from './table-access';
import {
  deleteGroupRows,
  deletePersonRows,
  personGroupKeys,
  sweepGroupRows,
  unindexCoordinator,
} from './table-erasure';
import { TableOutboxStore } from './table-outbox-store';
import { readMeetingScope, readPartition } from './table-partition';
import { deleteOldClaims, type RetentionCounts } from './table-retention';

/** GroupStore on Azure Table Storage (or Azurite): one partition per group. */
export class TableGroupStore extends TableOutboxStore implements GroupStore {
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

  putPersonRow<K extends PersonRowKind>(groupKey: string, kind: K, row: PersonRowOf<K>): Promise<void> {
    return this.upsert(kind, personToRow(groupKey, kind, row));
  }

  createProject(groupKey: string, project: Project): Promise<void> {
    return guarded('project', async () => {
      await this.tables.groups.createEntity(projectToRow(groupKey, project));
    });
  }

  replaceProject(groupKey: string, project: Project): Promise<void> {
    return this.upsert('project', projectToRow(groupKey, project));
  }

  private upsert(what: string, row: Row): Promise<void> {
    return guarded(what, async () => {
      await this.tables.groups.upsertEntity(row, 'Replace');
    });
  }

  listPersonRows<K extends PersonRowKind>(
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
      for await (const row of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        rows.push(rowToPerson(kind, row as Row));
      }
      return rows;
    });
  }

  loadPartition(groupKey: string): Promise<GroupSnapshot | undefined> {
    return readPartition(this.tables, groupKey);
  }

  loadMeetingPartition(groupKey: string, n: number): Promise<GroupSnapshot | undefined> {
    return readMeetingScope(this.tables, groupKey, n);
  }

  indexCoordinator(tenantId: string, userId: string, groupKey: string, groupName: string): Promise<void> {
    return guarded('coordinator index', async () => {
      const row = { partitionKey: coordinatorKeyOf(tenantId, userId), rowKey: groupKey, groupName };
      await this.tables.coordinators.upsertEntity(row, 'Replace');
    });
  }

  listCoordinatedGroups(tenantId: string, userId: string): Promise<{ key: string; name: string }[]> {
    return guarded('coordinator index', async () => {
      const filter = `PartitionKey eq '${escapeOData(coordinatorKeyOf(tenantId, userId))}'`;
      const groups: { key: string; name: string }[] = [];
      for await (const row of this.tables.coordinators.listEntities<Row>({ queryOptions: { filter } })) {
        groups.push({ key: (row as Row).rowKey, name: String((row as Row).groupName ?? '') });
      }
      return groups;
    });
  }

  claimActivity(groupKey: string, activityId: string, at: string): Promise<boolean> {
    return claim('activity', this.tables.activities, groupKey, activityRow(activityId), at);
  }

  listMeetingsInStatus(status: Meeting['status']): Promise<{ groupKey: string; meeting: Meeting }[]> {
    return guarded('meetings', async () => {
      const prefix = `${MEETING_PREFIX}|`;
      const filter =
        `RowKey ge '${escapeOData(prefix)}' and RowKey lt '${escapeOData(prefix.slice(0, -1))}}' ` +
        `and status eq '${escapeOData(status)}'`;
      const found: { groupKey: string; meeting: Meeting }[] = [];
      for await (const row of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        found.push({ groupKey: (row as Row).partitionKey, meeting: rowToMeeting(row as Row) });
      }
      return found;
    });
  }

  claimReminder(groupKey: string, reminder: string, at: string): Promise<boolean> {
    return claim('reminder', this.tables.groups, groupKey, reminderRow(reminder), at);
  }

  claimConfirmation(tokenId: string, at: string): Promise<boolean> {
    return claim('confirmation', this.tables.activities, 'confirmation', tokenId, at);
  }

  claimDailyJob(job: string, day: string, at: string): Promise<boolean> {
    return claim('daily job', this.tables.activities, `job|${job}`, day, at);
  }

  deleteOldClaims(activitiesBefore: string, remindersUpTo: string): Promise<RetentionCounts> {
    return deleteOldClaims(this.tables, activitiesBefore, remindersUpTo);
  }

  listTenantGroupKeys(tenantId: string): Promise<string[]> {
    return guarded('groups', async () => {
      const filter = `RowKey eq '${GROUP_ROW}' and tenantId eq '${escapeOData(tenantId)}'`;
      const select = ['PartitionKey', 'deletedAt'];
      const keys: string[] = [];
      for await (const row of this.tables.groups.listEntities<Row>({ queryOptions: { filter, select } }))
        if (!(row as Row).deletedAt) keys.push((row as Row).partitionKey);
      return keys;
    });
  }

  listTenantGroups(tenantId: string): Promise<Versioned<Group>[]> {
    return guarded('groups', async () => {
      const filter = `RowKey eq '${GROUP_ROW}' and tenantId eq '${escapeOData(tenantId)}'`;
      const groups: Versioned<Group>[] = [];
      for await (const row of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        const group = rowToGroup(row as Row);
        if (!group.deletedAt) groups.push({ value: group, etag: (row as Row).etag ?? '' });
      }
      return groups;
    });
  }

  listPersonGroups(userId: string): Promise<Set<string>> {
    return personGroupKeys(this.tables, userId);
  }

  deletePersonRows(groupKey: string, userId: string): Promise<number> {
    return deletePersonRows(this.tables, groupKey, userId);
  }

  sweepGroup(group: Group): Promise<void> {
    return sweepGroupRows(this.tables, group);
  }

  deleteGroup(group: Group): Promise<void> {
    return deleteGroupRows(this.tables, group);
  }

  unindexCoordinator(tenantId: string, userId: string, groupKey: string): Promise<void> {
    return unindexCoordinator(this.tables, tenantId, userId, groupKey);
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
