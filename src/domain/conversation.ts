import { createHash } from 'node:crypto';

/**
 * The conversation a group lives in, from the id an activity names: a reply in a channel thread
 * carries `;messageid=…` after the channel's id, and belongs to the channel's group.
 */
export function groupConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

/**
 * PartitionKey of a group: a hash of tenant and the group's conversation (a channel thread folded
 * into its channel), safe for any conversation id. The one way from a conversation to its group.
 */
export function groupKeyOf(tenantId: string, conversationId: string): string {
  const id = `${tenantId}|${groupConversationId(conversationId)}`;
  return `g-${createHash('sha256').update(id, 'utf8').digest('base64url').slice(0, 32)}`;
}
