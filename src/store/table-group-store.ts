import { RestError, type TableClient } from '@azure/data-tables';
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
import {
  ConflictError,
  StorageUnavailableError,
  type GroupSnapshot,
  type GroupStore,
  type Versioned,
} from './group-store';
import {
  activityRow,
  coordinatorKeyOf,
  GROUP_ROW,
  meetingRow,
  PROJECT_ROW,
  reminderRow,
  rsvpPrefix,
  userKeyPart,
} from './keys';
import {
  answerToRow,
  projectToRow,
  projectVoteToRow,
  proposalToRow,
  rowToAnswer,
  rowToProject,
  rowToProjectVote,
  rowToProposal,
  rowToVote,
  voteToRow,
} from './programme-entities';

/** The two tables the store uses. */
export interface Tables {
  groups: TableClient;
  coordinators: TableClient;
  activities: TableClient;
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

/** Inserts a claim row; false when it exists already (someone else claimed it first). */
async function claim(
  what: string,
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  at: string,
): Promise<boolean> {
  try {
    await guarded(what, () => table.createEntity({ partitionKey, rowKey, at }));
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
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
    return guarded('partition', async () => {
      const filter = `PartitionKey eq '${escapeOData(groupKey)}'`;
      let group: Versioned<Group> | undefined;
      const rest: Omit<GroupSnapshot, 'group'> = {
        meetings: [],
        rsvps: [],
        answers: [],
        votes: [],
        proposals: [],
        projectVotes: [],
      };
      for await (const entity of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        const row = entity as Row;
        const kind = row.rowKey.split('|')[0];
        if (row.rowKey === GROUP_ROW) group = { value: rowToGroup(row), etag: row.etag ?? '' };
        else if (row.rowKey === PROJECT_ROW) rest.project = rowToProject(row);
        else if (kind === 'meeting') rest.meetings.push({ value: rowToMeeting(row), etag: row.etag ?? '' });
        else if (kind === 'rsvp') rest.rsvps.push(rowToRsvp(row));
        else if (kind === 'answer') rest.answers.push(rowToAnswer(row));
        else if (kind === 'vote') rest.votes.push(rowToVote(row));
        else if (kind === 'proposal') rest.proposals.push(rowToProposal(row));
        else if (kind === 'projectVote') rest.projectVotes.push(rowToProjectVote(row));
      }
      rest.meetings.sort((a, b) => a.value.number - b.value.number);
      rest.proposals.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      return group && { group, ...rest };
    });
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

  listTenantGroups(tenantId: string): Promise<Versioned<Group>[]> {
    return guarded('groups', async () => {
      const filter = `RowKey eq '${GROUP_ROW}' and tenantId eq '${escapeOData(tenantId)}'`;
      const groups: Versioned<Group>[] = [];
      for await (const row of this.tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
        groups.push({ value: rowToGroup(row as Row), etag: (row as Row).etag ?? '' });
      }
      return groups;
    });
  }

  deletePersonRows(groupKey: string, userId: string): Promise<number> {
    return guarded('person', async () => {
      const part = userKeyPart(userId);
      const mine = (rowKey: string): boolean => {
        const [kind, a, b] = rowKey.split('|');
        if (kind === 'rsvp' || kind === 'answer' || kind === 'vote') return b === part;
        if (kind === 'proposal' || kind === 'projectVote') return a === part;
        return false;
      };
      const keys = await this.partitionRowKeys(this.tables.groups, groupKey);
      const doomed = keys.filter(mine);
      for (const rowKey of doomed) await this.tables.groups.deleteEntity(groupKey, rowKey);
      return doomed.length;
    });
  }

  deleteGroup(group: Group): Promise<void> {
    return guarded('group', async () => {
      for (const table of [this.tables.groups, this.tables.activities]) {
        for (const rowKey of await this.partitionRowKeys(table, group.key)) {
          if (rowKey !== GROUP_ROW) await table.deleteEntity(group.key, rowKey);
        }
      }
      for (const c of group.coordinators) await this.unindexCoordinator(group.tenantId, c.userId, group.key);
      // The group row last: until it is gone the group still exists, so an interrupted delete can be repeated.
      await this.tables.groups.deleteEntity(group.key, GROUP_ROW).catch((err: unknown) => {
        if (statusOf(err) !== 404) throw err;
      });
    });
  }

  unindexCoordinator(tenantId: string, userId: string, groupKey: string): Promise<void> {
    return guarded('coordinator index', async () => {
      await this.tables.coordinators
        .deleteEntity(coordinatorKeyOf(tenantId, userId), groupKey)
        .catch((err: unknown) => {
          if (statusOf(err) !== 404) throw err;
        });
    });
  }

  private async partitionRowKeys(table: TableClient, partitionKey: string): Promise<string[]> {
    const filter = `PartitionKey eq '${escapeOData(partitionKey)}'`;
    const keys: string[] = [];
    for await (const row of table.listEntities<Row>({ queryOptions: { filter, select: ['RowKey'] } })) {
      keys.push((row as Row).rowKey);
    }
    return keys;
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
