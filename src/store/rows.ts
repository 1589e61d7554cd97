/** Rows of a group's partition, derived from the registry in row-kinds.ts. */
import type { Group, Meeting, Project, Standing } from '../domain/types';
import { fromColumns, sampleOf, toColumns, type Column, type Row } from './columns';
import { standingRow, userKeyPart } from './keys';
import {
  GROUP_COLUMNS,
  GROUP_ROW,
  MEETING_COLUMNS,
  MEETING_PREFIX,
  PERSON_ROW_KINDS,
  PERSON_ROWS,
  PROJECT_COLUMNS,
  PROJECT_ROW,
  STANDING_COLUMNS,
  type GroupSnapshot,
  type PersonKind,
  type PersonRowKind,
  type PersonRowOf,
  type PersonRows,
} from './row-kinds';

/** The group entity. */
export function groupToRow(g: Group): Row {
  return { partitionKey: g.key, rowKey: GROUP_ROW, ...toColumns(GROUP_COLUMNS, g) };
}

/** Reads a group entity. */
export function rowToGroup(row: Row): Group {
  return { key: row.partitionKey, ...fromColumns(GROUP_COLUMNS, row) };
}

/** RowKey of meeting n. */
export function meetingRow(n: number): string {
  return `${MEETING_PREFIX}|${n}`;
}

/** The meeting entity. */
export function meetingToRow(groupKey: string, m: Meeting): Row {
  return { partitionKey: groupKey, rowKey: meetingRow(m.number), ...toColumns(MEETING_COLUMNS, m) };
}

/** Reads a meeting entity. */
export function rowToMeeting(row: Row): Meeting {
  return fromColumns(MEETING_COLUMNS, row);
}

/** The chosen project entity; `userId` is the owner's, so a person's rows are found by one query. */
export function projectToRow(groupKey: string, p: Project): Row {
  return {
    partitionKey: groupKey,
    rowKey: PROJECT_ROW,
    ...toColumns(PROJECT_COLUMNS, p),
    userId: p.owner.userId,
  };
}

/** Reads the chosen project entity. */
export function rowToProject(row: Row): Project {
  return fromColumns(PROJECT_COLUMNS, row);
}

/** A person's standing entity (its RowKey from keys.ts `standingRow`). */
export function standingToRow(groupKey: string, rowKey: string, s: Standing): Row {
  return { partitionKey: groupKey, rowKey, ...toColumns(STANDING_COLUMNS, s) };
}

/** Reads a person's standing. */
export function rowToStanding(row: Row): Standing {
  return fromColumns(STANDING_COLUMNS, row);
}

type AnyKind = PersonKind<PersonRowOf<PersonRowKind>>;
const kindOf = (kind: PersonRowKind): AnyKind => PERSON_ROWS[kind] as AnyKind;

/** The RowKey of a person's row: `prefix|segment|…`. */
export function personRowKey<K extends PersonRowKind>(kind: K, row: PersonRowOf<K>): string {
  const { prefix, segments } = kindOf(kind);
  const values = row as unknown as Record<string, unknown>;
  const parts = segments.map((s) => (s === 'person' ? userKeyPart(row.userId) : String(values[s])));
  return [prefix, ...parts].join('|');
}

/** The entity of a person's row. */
export function personToRow<K extends PersonRowKind>(groupKey: string, kind: K, row: PersonRowOf<K>): Row {
  const columns = toColumns(kindOf(kind).columns, row as PersonRowOf<PersonRowKind>);
  return { partitionKey: groupKey, rowKey: personRowKey(kind, row), ...columns };
}

/** No rows of any kind: every kind of the registry with an empty list (a snapshot's or a person's start). */
export function emptyPersonRows(): PersonRows {
  return Object.fromEntries(PERSON_ROW_KINDS.map((kind) => [kind, []])) as unknown as PersonRows;
}

const byPrefix = new Map(PERSON_ROW_KINDS.map((kind) => [PERSON_ROWS[kind].prefix, kind]));

/** The kind of a person's row by its RowKey, or undefined for any other row. */
export function personKindOfKey(rowKey: string): PersonRowKind | undefined {
  return byPrefix.get(rowKey.split('|')[0]);
}

/** Reads a person's row; the fields that are also RowKey segments are read from the RowKey. */
export function rowToPerson<K extends PersonRowKind>(kind: K, row: Row): PersonRowOf<K> {
  const { columns, segments } = kindOf(kind);
  const value = fromColumns(columns, row) as unknown as Record<string, unknown>;
  const parts = row.rowKey.split('|').slice(1);
  segments.forEach((s, i) => {
    const column = (columns as Record<string, Column<unknown>>)[s];
    if (s !== 'person' && column && parts[i] !== undefined) value[s] = column.read(parts[i]);
  });
  return value as unknown as PersonRowOf<K>;
}

/** True when `rowKey` is one of the person's own rows (of any kind in the registry). */
export function isPersonRowOf(rowKey: string, userId: string): boolean {
  const kind = personKindOfKey(rowKey);
  if (!kind) return false;
  const at = kindOf(kind).segments.indexOf('person');
  return rowKey.split('|')[at + 1] === userKeyPart(userId);
}

/**
 * Rows of a kind with `row` in place of the one it replaces (the same RowKey), in the order a
 * partition query gives them, so a view built after a write shows them as a fresh read would.
 */
export function withPersonRow<K extends PersonRowKind>(
  rows: readonly PersonRowOf<K>[],
  kind: K,
  row: PersonRowOf<K>,
): PersonRowOf<K>[] {
  const key = personRowKey(kind, row);
  const rest = rows.filter((r) => personRowKey(kind, r) !== key);
  const order = kindOf(kind).order as ((a: PersonRowOf<K>, b: PersonRowOf<K>) => number) | undefined;
  if (order) return [...rest, row].sort(order);
  const at = rest.findIndex((r) => personRowKey(kind, r) > key);
  return at < 0 ? [...rest, row] : [...rest.slice(0, at), row, ...rest.slice(at)];
}

/** A row of a kind for seeding tests: every column its sample, with `fields` on top. */
export function samplePersonRow<K extends PersonRowKind>(
  kind: K,
  fields: Partial<PersonRowOf<K>>,
): PersonRowOf<K> {
  return sampleOf(kindOf(kind).columns, fields as Partial<PersonRowOf<PersonRowKind>>) as PersonRowOf<K>;
}

/** A person's standing in the group a snapshot was read from; undefined when none is stored. */
export function standingOf(snapshot: GroupSnapshot, userId: string): Standing | undefined {
  return snapshot.standings?.[standingRow(snapshot.group.value.key, userId)];
}
