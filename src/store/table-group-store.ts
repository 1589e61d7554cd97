import type { Group, Meeting, Project, Standing } from '../domain/types';
import type { Row } from './columns';
import type {
  GroupSnapshot,
  GroupStore,
  PersonRowKind,
  PersonRowOf,
  PersonRows,
  PersonWriteGuard,
  Roster,
  Versioned,
} from './group-store';
import { activityRow, coordinatorKeyOf, reminderRow } from './keys';
import { GROUP_ROW } from './row-kinds';
import {
  groupToRow,
  meetingRow,
  meetingToRow,
  personToRow,
  projectToRow,
  rowToGroup,
  rowToMeeting,
} from './rows';
import { claim, escapeOData, getRow, guarded } from './table-access';
import {
  deleteGroupRows,
  deletePersonRows,
  personGroupKeys,
  sweepBeforeSetup,
  sweepGroupRows,
  unindexCoordinator,
} from './table-erasure';
import * as queries from './table-queries';
import * as writes from './table-writes';
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

  stepMeeting(read: GroupSnapshot, meeting: Meeting, gate?: 'open' | 'close'): Promise<Versioned<Meeting>> {
    return writes.stepMeeting(this.tables, read, meeting, gate);
  }

  writePersonRow<K extends PersonRowKind>(
    read: GroupSnapshot,
    kind: K,
    row: PersonRowOf<K>,
    guard?: PersonWriteGuard,
  ): Promise<void> {
    return writes.writePersonRow(this.tables, read, kind, row, guard);
  }

  putPersonRow<K extends PersonRowKind>(groupKey: string, kind: K, row: PersonRowOf<K>): Promise<void> {
    return this.upsert(kind, personToRow(groupKey, kind, row));
  }

  loadRoster(groupKey: string, userId: string): Promise<Roster> {
    return writes.loadRoster(this.tables, groupKey, userId);
  }

  saveRoster(
    group: Versioned<Group>,
    userId: string,
    standing: Standing,
    etag?: string,
  ): Promise<Versioned<Group>> {
    return writes.saveRoster(this.tables, group, userId, standing, etag);
  }

  eraseStanding(
    groupKey: string,
    userId: string,
    standing: Standing,
    meetings: readonly number[],
  ): Promise<void> {
    return writes.eraseStanding(this.tables, groupKey, userId, standing, meetings);
  }

  putStanding(groupKey: string, userId: string, standing: Standing): Promise<void> {
    return writes.putStanding(this.tables, groupKey, userId, standing);
  }

  personRowsIn(groupKey: string, userId: string): Promise<PersonRows> {
    return writes.personRowsIn(this.tables, groupKey, userId);
  }

  createProject(groupKey: string, project: Project, read?: GroupSnapshot): Promise<void> {
    if (read) return writes.createProject(this.tables, read, project);
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
    return queries.listPersonRows(this.tables, groupKey, kind, first);
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
    return queries.listMeetingsInStatus(this.tables, status);
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
    return queries.listTenantGroupKeys(this.tables, tenantId);
  }

  listTenantGroups(tenantId: string): Promise<Versioned<Group>[]> {
    return queries.listTenantGroups(this.tables, tenantId);
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

  sweepBeforeSetup(groupKey: string, keepStep: string): Promise<boolean> {
    return sweepBeforeSetup(this.tables, groupKey, keepStep);
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
