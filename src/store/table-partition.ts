import type { Group } from '../domain/types';
import { rowToGroup, rowToMeeting, rowToRsvp, type Row } from './entities';
import type { GroupSnapshot, Versioned } from './group-store';
import { GROUP_ROW, PROJECT_ROW } from './keys';
import { rowToAnswer, rowToProject, rowToProjectVote, rowToProposal, rowToVote } from './programme-entities';
import { escapeOData, guarded, type Tables } from './table-access';

/**
 * Everything stored about one group in one partition query, sorted as the cards show it (meetings
 * by number, proposals by time); undefined when there is no group or it is being deleted.
 */
export function readPartition(tables: Tables, groupKey: string): Promise<GroupSnapshot | undefined> {
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
    for await (const entity of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
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
    // A tombstoned group (being deleted by `slet gruppe`) reads as no group: nothing is shown or written.
    return group && !group.value.deletedAt ? { group, ...rest } : undefined;
  });
}
