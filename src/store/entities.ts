import type { Group, Meeting, Rsvp } from '../domain/types';
import { GROUP_ROW, meetingRow, rsvpRow } from './keys';

/** A row as the Table SDK returns it: keys, ETag and flat properties. */
export interface Row {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  [property: string]: unknown;
}

/** A string property, or '' when missing. */
export function str(row: Row, name: string): string {
  const v = row[name];
  return typeof v === 'string' ? v : '';
}

/** A JSON property, or `fallback` when missing. */
export function json<T>(row: Row, name: string, fallback: T): T {
  const v = row[name];
  return typeof v === 'string' && v.length > 0 ? (JSON.parse(v) as T) : fallback;
}

/** Columns of a row: the named properties of `value`; texts and numbers as they are, lists and records as JSON. */
export function columns<T extends object>(
  value: T,
  names: readonly (keyof T & string)[],
): Record<string, unknown> {
  return Object.fromEntries(
    names.map((name) => {
      const v = value[name];
      return [name, typeof v === 'object' && v !== null ? JSON.stringify(v) : v];
    }),
  );
}

/** Optional columns: like `columns`, and '' where unset (a row has no undefined). */
export function optionalColumns<T extends object>(
  value: T,
  names: readonly (keyof T & string)[],
): Record<string, unknown> {
  const set = names.filter((name) => value[name] !== undefined && value[name] !== null);
  return { ...Object.fromEntries(names.map((name) => [name, ''])), ...columns(value, set) };
}

/** The columns of a person's row about a meeting (RSVP, answer, vote): which meeting, who, and their name. */
export function personInMeeting(row: Row): { meeting: number; userId: string; name: string } {
  return { meeting: Number(row.meeting), userId: str(row, 'userId'), name: str(row, 'name') };
}

/**
 * The conversation reference without the person whose message it was taken from: proactive
 * messages need only the chat, and a stored name would outlive `slet mine data`.
 */
function chatOnly(conversation: Group['conversation']): Group['conversation'] {
  return Object.fromEntries(Object.entries(conversation).filter(([key]) => key !== 'user'));
}

/** The group entity: settings as columns, roster and coordinators as JSON (see docs/storage.md). */
export function groupToRow(g: Group): Row {
  return {
    partitionKey: g.key,
    rowKey: GROUP_ROW,
    ...columns(g, ['tenantId', 'name', 'association', 'area', 'phase', 'language', 'revealMode']),
    ...columns(g, ['coordinators', 'members', 'createdAt']),
    conversation: JSON.stringify(chatOnly(g.conversation)),
    ...optionalColumns(g, [
      'groupCardId',
      'projectVote',
      'overviewTab',
      'inactive',
      'deletedAt',
      'postedCardIds',
    ]),
  };
}

/** Reads a group entity. */
export function rowToGroup(row: Row): Group {
  return {
    key: row.partitionKey,
    tenantId: str(row, 'tenantId'),
    name: str(row, 'name'),
    association: str(row, 'association'),
    area: str(row, 'area'),
    phase: str(row, 'phase') as Group['phase'],
    language: str(row, 'language') as Group['language'],
    revealMode: str(row, 'revealMode') as Group['revealMode'],
    coordinators: json(row, 'coordinators', []),
    members: json(row, 'members', []),
    conversation: json(row, 'conversation', {}),
    groupCardId: str(row, 'groupCardId') || undefined,
    projectVote: json<Group['projectVote']>(row, 'projectVote', undefined),
    overviewTab: json<Group['overviewTab']>(row, 'overviewTab', undefined),
    inactive: json<Group['inactive']>(row, 'inactive', undefined),
    deletedAt: str(row, 'deletedAt') || undefined,
    postedCardIds: json<Group['postedCardIds']>(row, 'postedCardIds', undefined),
    createdAt: str(row, 'createdAt'),
  };
}

/** The meeting entity. */
export function meetingToRow(groupKey: string, m: Meeting): Row {
  return {
    partitionKey: groupKey,
    rowKey: meetingRow(m.number),
    ...columns(m, ['number', 'status', 'date', 'start', 'end', 'location', 'text', 'updatedAt']),
    ...optionalColumns(m, [
      'invitationCardId',
      'statusCardId',
      'conclusionCardId',
      'answerCardIds',
      'unposted',
      'conclusion',
      'revealMode',
    ]),
  };
}

/** Reads a meeting entity. */
export function rowToMeeting(row: Row): Meeting {
  return {
    number: Number(row.number),
    status: str(row, 'status') as Meeting['status'],
    date: str(row, 'date'),
    start: str(row, 'start'),
    end: str(row, 'end'),
    location: str(row, 'location'),
    text: str(row, 'text'),
    invitationCardId: str(row, 'invitationCardId') || undefined,
    statusCardId: str(row, 'statusCardId') || undefined,
    conclusionCardId: str(row, 'conclusionCardId') || undefined,
    answerCardIds: json<Meeting['answerCardIds']>(row, 'answerCardIds', undefined),
    unposted: json<Meeting['unposted']>(row, 'unposted', undefined),
    conclusion: json<Meeting['conclusion']>(row, 'conclusion', undefined),
    revealMode: (str(row, 'revealMode') || undefined) as Meeting['revealMode'],
    updatedAt: str(row, 'updatedAt'),
  };
}

/** The RSVP entity. */
export function rsvpToRow(groupKey: string, r: Rsvp): Row {
  return {
    partitionKey: groupKey,
    rowKey: rsvpRow(r.meeting, r.userId),
    ...columns(r, ['meeting', 'userId', 'name', 'response', 'at']),
  };
}

/** Reads an RSVP entity. */
export function rowToRsvp(row: Row): Rsvp {
  return {
    ...personInMeeting(row),
    response: str(row, 'response') as Rsvp['response'],
    at: str(row, 'at'),
  };
}
