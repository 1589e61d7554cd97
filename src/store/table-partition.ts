import type { Versioned } from '../domain/snapshot';
import type { Group, Meeting, Project, Standing } from '../domain/types';
import type { Row } from './columns';
import { gateRow, standingRow } from './keys';
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
  meetingRow,
  personKindOfKey,
  rowToGroup,
  rowToMeeting,
  rowToPerson,
  rowToProject,
  rowToStanding,
} from './rows';
import { escapeOData, guarded, type Tables } from './table-access';
import { queryRows } from './table-query';
import { CARD_PREFIX, POSTED_PREFIX, shownIds, STEP_PREFIX } from './outbox-rows';
import type { PostedCards } from '../domain/outbox';

/** The cards that show answers or names a step's record or a posted card's row keeps, if it is one. */
function postedCardsOf(row: Row): PostedCards | undefined {
  const prefix = row.rowKey.split('|')[0];
  if (prefix !== STEP_PREFIX && prefix !== POSTED_PREFIX) return undefined;
  const n = Number(row.meeting);
  const meeting = n > 0 ? n : undefined;
  const ids = prefix === STEP_PREFIX ? shownIds(row) : [String(row.activityId ?? '')].filter(Boolean);
  return { meeting, ids };
}

/**
 * Everything stored about one group in one partition query, sorted as the cards show it (meetings
 * by number, each kind of a person's rows in its registry order), without the rows of people whose
 * standing is a tombstone; undefined when there is no group or it is being deleted.
 */
export function readPartition(tables: Tables, groupKey: string): Promise<GroupSnapshot | undefined> {
  // Not the cards a step has still to post (they are the outbox's, and the largest rows).
  const notCards = `(RowKey lt '${CARD_PREFIX}|' or RowKey ge '${CARD_PREFIX}}')`;
  return readRows(tables, groupKey, `PartitionKey eq '${escapeOData(groupKey)}' and ${notCards}`);
}

/** RowKeys from `prefix|` up to (not including) the next prefix: every row whose key starts with it. */
function prefixRange(prefix: string): string {
  const from = escapeOData(`${prefix}|`);
  return `(RowKey ge '${from}' and RowKey lt '${escapeOData(prefix)}}')`;
}

/**
 * The part of a group's partition a turn about meeting n needs (one query, a third of the rows or
 * fewer): the group row, meetings n−1 and n with meeting n's answer gate, every person's standing
 * (their writes are conditional on it), the RSVPs, answers and votes of meeting n, and for
 * meeting 4 the project proposals its conclusion lists. Every other kind of row is empty.
 */
export function readMeetingScope(
  tables: Tables,
  groupKey: string,
  n: number,
): Promise<GroupSnapshot | undefined> {
  const ofMeeting = PERSON_ROW_KINDS.filter((kind) => PERSON_ROWS[kind].segments[0] === 'meeting').map(
    (kind) => prefixRange(`${PERSON_ROWS[kind].prefix}|${n}`),
  );
  const rows = [
    `RowKey eq '${GROUP_ROW}'`,
    `RowKey eq '${escapeOData(gateRow(n))}'`,
    prefixRange(STANDING_PREFIX),
    ...[n - 1, n].filter((m) => m >= 1).map((m) => `RowKey eq '${escapeOData(meetingRow(m))}'`),
    ...ofMeeting,
    ...(n === 4 ? [prefixRange(PERSON_ROWS.proposals.prefix)] : []),
  ];
  return readRows(tables, groupKey, `PartitionKey eq '${escapeOData(groupKey)}' and (${rows.join(' or ')})`);
}

function readRows(tables: Tables, groupKey: string, filter: string): Promise<GroupSnapshot | undefined> {
  return guarded('partition', async () => {
    let group: Versioned<Group> | undefined;
    let project: Project | undefined;
    const meetings: Versioned<Meeting>[] = [];
    const posted: PostedCards[] = [];
    const rows = emptyPersonRows();
    const standings: Record<string, Standing> = {};
    const etags: Record<string, string> = {};
    for (const row of await queryRows(tables.groups, filter)) {
      const prefix = row.rowKey.split('|')[0];
      const kind = personKindOfKey(row.rowKey);
      if (kind || prefix === STANDING_PREFIX || prefix === GATE_PREFIX) etags[row.rowKey] = row.etag ?? '';
      if (kind) (rows[kind] as unknown[]).push(rowToPerson(kind, row));
      else if (prefix === STANDING_PREFIX) standings[row.rowKey] = rowToStanding(row);
      else if (row.rowKey === GROUP_ROW) group = { value: rowToGroup(row), etag: row.etag ?? '' };
      else if (row.rowKey === PROJECT_ROW) project = rowToProject(row);
      else if (prefix === MEETING_PREFIX) meetings.push({ value: rowToMeeting(row), etag: row.etag ?? '' });
      else {
        const cards = postedCardsOf(row);
        if (cards) posted.push(cards);
      }
    }
    meetings.sort((a, b) => a.value.number - b.value.number);
    for (const kind of PERSON_ROW_KINDS) keepLive(rows, kind, groupKey, standings);
    // A tombstoned group (being deleted by `slet gruppe`) reads as no group: nothing is shown or written.
    return group && !group.value.deletedAt
      ? { group, meetings, ...rows, project, standings, etags, posted }
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
