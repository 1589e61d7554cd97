import { createHash } from 'node:crypto';

/** Table names. */
export const GROUPS_TABLE = 'groups';
export const COORDINATORS_TABLE = 'coordinators';
export const ACTIVITIES_TABLE = 'activities';

/** RowKey of an activity the bot has taken on (for de-duplicating Teams' re-deliveries). */
export function activityRow(activityId: string): string {
  return `a-${hash(activityId)}`;
}

/** RowKey of the group entity itself. */
export const GROUP_ROW = 'group';

const GUID = /^[0-9a-fA-F-]{1,64}$/;

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 32);
}

export { groupKeyOf } from '../domain/conversation';

/** PartitionKey of a user in the coordinators table. */
export function coordinatorKeyOf(tenantId: string, userId: string): string {
  return `c-${hash(`${tenantId}|${userId}`)}`;
}

/** A user id made safe for a key: AAD object ids pass as they are, anything else is hashed. */
export function userKeyPart(userId: string): string {
  return GUID.test(userId) ? userId.toLowerCase() : `h-${hash(userId)}`;
}

/** RowKey of a meeting. */
export function meetingRow(meeting: number): string {
  return `meeting|${meeting}`;
}

/** RowKey of a member's RSVP to a meeting. */
export function rsvpRow(meeting: number, userId: string): string {
  return `rsvp|${meeting}|${userKeyPart(userId)}`;
}

/** RowKey prefix of all RSVPs to a meeting. */
export function rsvpPrefix(meeting: number): string {
  return `rsvp|${meeting}|`;
}

/** RowKey of a member's answer to a meeting. */
export function answerRow(meeting: number, userId: string): string {
  return `answer|${meeting}|${userKeyPart(userId)}`;
}

/**
 * A member's answers or priorities with `row` in place of their earlier one for the same meeting,
 * in the order a partition query returns them (by RowKey), so a view built after a write lists
 * names as a fresh read would.
 */
export function withMemberRow<T extends { meeting: number; userId: string }>(
  rows: readonly T[],
  row: T,
): T[] {
  const keyOf = (r: T): string => `${r.meeting}|${userKeyPart(r.userId)}`;
  const key = keyOf(row);
  const rest = rows.filter((r) => !(r.meeting === row.meeting && r.userId === row.userId));
  const at = rest.findIndex((r) => keyOf(r) > key);
  return at < 0 ? [...rest, row] : [...rest.slice(0, at), row, ...rest.slice(at)];
}

/** RowKey of a member's priorities in a meeting. */
export function voteRow(meeting: number, userId: string): string {
  return `vote|${meeting}|${userKeyPart(userId)}`;
}

/** RowKey of a member's k-th project proposal (k = 1 or 2). */
export function proposalRow(userId: string, k: number): string {
  return `proposal|${userKeyPart(userId)}|${k}`;
}

/** RowKey of a member's project vote. */
export function projectVoteRow(userId: string): string {
  return `projectVote|${userKeyPart(userId)}`;
}

/** RowKey of the chosen common project. */
export const PROJECT_ROW = 'project';

/** RowKey of a sent (claimed) reminder in the group's partition. */
export function reminderRow(reminder: string): string {
  return `reminder|${reminder}`;
}
