/**
 * Writes decided from a partition read, made conditional on what they were decided from: each is
 * one entity group transaction (all or nothing, one round trip) of the row written and the rows
 * it depends on — the person's standing (a `slet mine data` since the read fails it), a meeting's
 * answer gate (closed by the reveal), the row's own ETag (a newer click since the read fails it).
 * A failed condition is a ConflictError: the use case reads again and decides again.
 */
import type { TransactionAction } from '@azure/data-tables';
import { ConflictError, storedMeeting, type Versioned } from '../domain/snapshot';
import type { Group, Meeting, Project, Standing } from '../domain/types';
import type { Row } from './columns';
import { gateRow, standingRow } from './keys';
import {
  GROUP_ROW,
  type GroupSnapshot,
  type PersonRowKind,
  type PersonRowOf,
  type PersonRows,
} from './row-kinds';
import {
  emptyPersonRows,
  groupToRow,
  meetingRow,
  meetingToRow,
  personKindOfKey,
  personToRow,
  projectToRow,
  rowToGroup,
  rowToPerson,
  rowToStanding,
  standingToRow,
} from './rows';
import { escapeOData, guarded, statusOf, type Tables } from './table-access';
import { submitBatch, type BatchResult } from './table-batch';

/** What a write of a person's row also depends on. */
export interface PersonWriteGuard {
  /** The answers to this meeting must still be open (its gate not closed by the reveal). */
  answersTo?: number;
}

/** The group row and a person's standing, as one query reads them. */
export interface Roster {
  group?: Versioned<Group>;
  standing?: Versioned<Standing>;
}

/** Runs one entity group transaction; a failed condition (412, 409, or a row gone: 404) is a ConflictError. */
async function transaction(tables: Tables, what: string, actions: TransactionAction[]): Promise<BatchResult> {
  try {
    return await guarded(what, () => submitBatch(tables.groups, actions));
  } catch (err) {
    if (statusOf(err) === 404) throw new ConflictError(what);
    throw err;
  }
}

const keyOf = (read: GroupSnapshot): string => read.group.value.key;

/** Makes a write conditional on a person's standing as read: a Merge under its ETag, or creating it (none was read). */
export function standingAction(read: GroupSnapshot, userId: string): TransactionAction {
  const rowKey = standingRow(keyOf(read), userId);
  const etag = read.etags?.[rowKey];
  return etag
    ? ['update', { partitionKey: keyOf(read), rowKey }, 'Merge', { etag }]
    : ['create', standingToRow(keyOf(read), rowKey, { at: '' })];
}

/**
 * Makes an answer to meeting n pass only while its gate exists (the reveal deletes it), and moves
 * the meeting row's ETag on (an empty Merge), so a reveal decided before the answer cannot pass
 * after it. A meeting started before gates gets its gate now, if the meeting is still as read.
 */
function gateActions(read: GroupSnapshot, n: number): TransactionAction[] {
  const partitionKey = keyOf(read);
  const rowKey = gateRow(n);
  const meeting = { partitionKey, rowKey: meetingRow(n) };
  if (read.etags?.[rowKey] !== undefined)
    return [
      ['update', { partitionKey, rowKey }, 'Merge'],
      ['update', meeting, 'Merge'],
    ];
  const stored = storedMeeting(read, n);
  if (!stored) throw new ConflictError('meeting');
  return [
    ['create', { partitionKey, rowKey }],
    ['update', meeting, 'Merge', { etag: stored.etag }],
  ];
}

/**
 * Writes a person's row decided from `read`: it replaces the row read (under its ETag) or creates
 * it (none was read), while the person's standing and, for an answer, the meeting's gate are as read.
 */
export async function writePersonRow<K extends PersonRowKind>(
  tables: Tables,
  read: GroupSnapshot,
  kind: K,
  row: PersonRowOf<K>,
  guard: PersonWriteGuard = {},
): Promise<void> {
  const entity = personToRow(keyOf(read), kind, row);
  const etag = read.etags?.[entity.rowKey];
  const actions: TransactionAction[] = [etag ? ['update', entity, 'Replace', { etag }] : ['create', entity]];
  actions.push(standingAction(read, row.userId));
  if (guard.answersTo !== undefined) actions.push(...gateActions(read, guard.answersTo));
  await transaction(tables, kind, actions);
}

/**
 * Takes a meeting to its next step under the ETag it was read with (created when none was read),
 * opening its answer gate (start) or closing it (reveal) in the same transaction: every answer
 * moves the meeting's ETag on, so a reveal passes only if no answer was stored since its read.
 */
export async function stepMeeting(
  tables: Tables,
  read: GroupSnapshot,
  meeting: Meeting,
  gate?: 'open' | 'close',
): Promise<Versioned<Meeting>> {
  const partitionKey = keyOf(read);
  const row = meetingToRow(partitionKey, meeting);
  const etag = storedMeeting(read, meeting.number)?.etag;
  const actions: TransactionAction[] = [
    etag === undefined ? ['create', row] : ['update', row, 'Replace', { etag }],
  ];
  if (gate) actions.push(...gateChange(read, meeting.number, gate));
  const done = await transaction(tables, 'meeting', actions);
  return { value: meeting, etag: done.etagOf(row.rowKey) ?? '' };
}

/** Opens meeting n's answer gate (start) or closes it (reveal): the actions that join a step's transaction. */
export function gateChange(read: GroupSnapshot, n: number, gate: 'open' | 'close'): TransactionAction[] {
  const partitionKey = keyOf(read);
  const rowKey = gateRow(n);
  if (gate === 'open') return [['upsert', { partitionKey, rowKey }, 'Replace']];
  return read.etags?.[rowKey] !== undefined ? [['delete', { partitionKey, rowKey }]] : [];
}

/** Creates the chosen project while its owner's standing is as read (not deleted since). */
export async function createProject(tables: Tables, read: GroupSnapshot, project: Project): Promise<void> {
  const row = projectToRow(keyOf(read), project);
  await transaction(tables, 'project', [['create', row], standingAction(read, project.owner.userId)]);
}

/**
 * Marks a person as being deleted (their standing's tombstone) and moves every listed meeting's
 * ETag on (an empty Merge) in one transaction: a write of theirs read before fails, and so does a
 * step of a meeting (a conclusion) decided from a read that still held their rows.
 */
export async function eraseStanding(
  tables: Tables,
  groupKey: string,
  userId: string,
  standing: Standing,
  meetings: readonly number[],
): Promise<void> {
  const row = standingToRow(groupKey, standingRow(groupKey, userId), standing);
  const touched = meetings.map((n): TransactionAction => [
    'update',
    { partitionKey: groupKey, rowKey: meetingRow(n) },
    'Merge',
  ]);
  await transaction(tables, 'standing', [['upsert', row, 'Replace'], ...touched]);
}

/** The group row and a person's standing, in one query. */
export function loadRoster(tables: Tables, groupKey: string, userId: string): Promise<Roster> {
  return guarded('group', async () => {
    const standing = standingRow(groupKey, userId);
    const filter =
      `PartitionKey eq '${escapeOData(groupKey)}' and ` +
      `(RowKey eq '${GROUP_ROW}' or RowKey eq '${escapeOData(standing)}')`;
    const found: Roster = {};
    for await (const entity of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      const row = entity as Row;
      const etag = row.etag ?? '';
      if (row.rowKey === GROUP_ROW) found.group = { value: rowToGroup(row), etag };
      else found.standing = { value: rowToStanding(row), etag };
    }
    return found;
  });
}

/** Saves the roster (the group row, under its ETag) and the person's standing (under its ETag, or created) at once. */
export async function saveRoster(
  tables: Tables,
  group: Versioned<Group>,
  userId: string,
  standing: Standing,
  standingEtag: string | undefined,
): Promise<Versioned<Group>> {
  const partitionKey = group.value.key;
  const row = standingToRow(partitionKey, standingRow(partitionKey, userId), standing);
  const done = await transaction(tables, 'group', [
    ['update', groupToRow(group.value), 'Replace', { etag: group.etag }],
    standingEtag ? ['update', row, 'Replace', { etag: standingEtag }] : ['create', row],
  ]);
  return { value: group.value, etag: done.etagOf(GROUP_ROW) ?? '' };
}

/** Writes a person's standing over whatever is there (the end of their deletion). */
export function putStanding(
  tables: Tables,
  groupKey: string,
  userId: string,
  standing: Standing,
): Promise<void> {
  return guarded('standing', async () => {
    await tables.groups.upsertEntity(
      standingToRow(groupKey, standingRow(groupKey, userId), standing),
      'Replace',
    );
  });
}

/** A person's own rows in a group as stored (also while their standing hides them from reads). */
export function personRowsIn(tables: Tables, groupKey: string, userId: string): Promise<PersonRows> {
  return guarded('person', async () => {
    const filter = `PartitionKey eq '${escapeOData(groupKey)}' and userId eq '${escapeOData(userId)}'`;
    const rows = emptyPersonRows();
    for await (const entity of tables.groups.listEntities<Row>({ queryOptions: { filter } })) {
      const kind = personKindOfKey((entity as Row).rowKey);
      if (kind) (rows[kind] as unknown[]).push(rowToPerson(kind, entity as Row));
    }
    return rows;
  });
}
