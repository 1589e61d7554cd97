import type { Answer, Group, Meeting, Project, ProjectVote, Proposal, Rsvp, Vote } from '../domain/types';
import {
  groupToRow,
  meetingToRow,
  rowToGroup,
  rowToMeeting,
  rowToRsvp,
  rsvpToRow,
  type Row,
} from './entities';
import type { GroupSnapshot, GroupStore, Versioned } from './group-store';
import { claim, escapeOData, getRow, guarded, type Tables } from './table-access';
import { readPartition } from './table-partition';
import { deleteOldClaims, type RetentionCounts } from './table-retention';
import {
  deleteGroupRows,
  deletePersonRows,
  personGroupKeys,
  sweepGroupRows,
  unindexCoordinator,
} from './table-erasure';
import { activityRow, coordinatorKeyOf, GROUP_ROW, meetingRow, reminderRow, rsvpPrefix } from './keys';
import { answerToRow, projectToRow, projectVoteToRow, proposalToRow, voteToRow } from './programme-entities';

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
    return this.upsert('rsvp', rsvpToRow(groupKey, rsvp));
  }

  putAnswer(groupKey: string, answer: Answer): Promise<void> {
    return this.upsert('answer', answerToRow(groupKey, answer));
  }

  putVote(groupKey: string, vote: Vote): Promise<void> {
    return this.upsert('vote', voteToRow(groupKey, vote));
  }

  putProposal(groupKey: string, proposal: Proposal, k: number): Promise<void> {
    return this.upsert('proposal', proposalToRow(groupKey, proposal, k));
  }

  putProjectVote(groupKey: string, vote: ProjectVote): Promise<void> {
    return this.upsert('project vote', projectVoteToRow(groupKey, vote));
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
    return readPartition(this.tables, groupKey);
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
      const prefix = meetingRow(1).slice(0, -1);
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
