import type { Versioned } from '../domain/snapshot';
import type { Group, Meeting, Project, Standing } from '../domain/types';
import type { Row } from './columns';
import { standingRow } from './keys';
import {
  GATE_PREFIX,
  GROUP_ROW,
  MEETING_PREFIX,
  PERSON_ROW_KINDS,
  PERSON_ROWS,
  PROJECT_ROW,
  STANDING_PREFIX,
} from './row-kinds';
import type { GroupSnapshot, PersonRowKind, PersonRows } from './row-kinds';
import {
  emptyPersonRows,
  personKindOfKey,
  rowToGroup,
  rowToMeeting,
  rowToPerson,
  rowToProject,
  rowToStanding,
} from './rows';
import { escapeOData, guarded, type Tables } from './table-access';

/**
 * Everything stored about one group in one partition query, sorted as the cards show it (meetings
 * by number, each kind of a person's rows in its registry order), without the rows of people whose
 * standing is a tombstone; undefined when there is no group or it is being deleted.
 */
export function readPartition(tables: Tables, groupKey: string): Promise<GroupSnapshot | undefined> {
  return guarded('partition', async () => {
    const filter = `PartitionKey eq '${escapeOData(groupKey)}'`;
    let group: Versioned<Group> | undefined;
    let project: Project | undefined;
    const meetings: Versioned<Meeting>[] = [];
    const rows = emptyPersonRows();
    const standings: Record<string, Standing> = {};
    const etags: Record<string, string> = {};
    for await (const entity of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      const row = entity as Row;
      const prefix = row.rowKey.split('|')[0];
      const kind = personKindOfKey(row.rowKey);
      if (kind || prefix === STANDING_PREFIX || prefix === GATE_PREFIX) etags[row.rowKey] = row.etag ?? '';
      if (kind) (rows[kind] as unknown[]).push(rowToPerson(kind, row));
      else if (prefix === STANDING_PREFIX) standings[row.rowKey] = rowToStanding(row);
      else if (row.rowKey === GROUP_ROW) group = { value: rowToGroup(row), etag: row.etag ?? '' };
      else if (row.rowKey === PROJECT_ROW) project = rowToProject(row);
      else if (prefix === MEETING_PREFIX) meetings.push({ value: rowToMeeting(row), etag: row.etag ?? '' });
    }
    meetings.sort((a, b) => a.value.number - b.value.number);
    for (const kind of PERSON_ROW_KINDS) keepLive(rows, kind, groupKey, standings);
    // A tombstoned group (being deleted by `slet gruppe`) reads as no group: nothing is shown or written.
    return group && !group.value.deletedAt
      ? { group, meetings, ...rows, project, standings, etags }
      : undefined;
  });
}

/** Leaves out the rows of people deleted by `slet mine data` (while their rows are being deleted), and sorts. */
function keepLive<K extends PersonRowKind>(
  rows: PersonRows,
  kind: K,
  groupKey: string,
  standings: Record<string, Standing>,
): void {
  const anyErased = Object.values(standings).some((s) => s.erasedAt);
  const erased = (userId: string): boolean => !!standings[standingRow(groupKey, userId)]?.erasedAt;
  const live = anyErased ? rows[kind].filter((r) => !erased(r.userId)) : rows[kind];
  const order = (PERSON_ROWS[kind] as { order?: (a: unknown, b: unknown) => number }).order;
  rows[kind] = (order ? live.sort(order) : live) as PersonRows[K];
}
