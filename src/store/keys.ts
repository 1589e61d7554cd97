import { createHash } from 'node:crypto';

/** Table names. */
export const GROUPS_TABLE = 'groups';
export const COORDINATORS_TABLE = 'coordinators';
export const ACTIVITIES_TABLE = 'activities';
export const OUTBOX_TABLE = 'outbox';

/** RowKey of an activity the bot has taken on (for de-duplicating Teams' re-deliveries). */
export function activityRow(activityId: string): string {
  return `a-${hash(activityId)}`;
}

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

/** RowKey of a sent (claimed) reminder in the group's partition. */
export function reminderRow(reminder: string): string {
  return `reminder|${reminder}`;
}

/**
 * RowKey of a person's standing in a group: a hash of the group and the person, so the row that
 * outlives `slet mine data` (its tombstone) holds no id, and says nothing about other groups.
 */
export function standingRow(groupKey: string, userId: string): string {
  return `standing|${hash(`${groupKey}|${userId}`)}`;
}

/** RowKey of meeting n's answer gate: answers pass while it exists (docs/storage.md). */
export function gateRow(n: number): string {
  return `gate|${n}|answers`;
}
