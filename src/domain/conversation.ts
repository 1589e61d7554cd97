import { createHash } from 'node:crypto';
import type { ConversationRef } from './types';

/**
 * The conversation a group lives in, from the id an activity names: a reply in a channel thread
 * carries `;messageid=…` after the channel's id, and belongs to the channel's group.
 */
export function groupConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

/** The group conversation's id without a channel thread's `;messageid=`. */
function groupConversationOf(ref: ConversationRef): Record<string, unknown> {
  const conversation = (ref.conversation ?? {}) as Record<string, unknown>;
  const id = typeof conversation.id === 'string' ? groupConversationId(conversation.id) : conversation.id;
  return { ...conversation, id };
}

/** The stored reference with the latest serviceUrl Teams used for the chat (and no `;messageid=`). */
export function freshReference(stored: ConversationRef, incoming: ConversationRef): ConversationRef {
  const serviceUrl = typeof incoming.serviceUrl === 'string' ? incoming.serviceUrl : stored.serviceUrl;
  return { ...stored, serviceUrl, conversation: groupConversationOf(stored) };
}

/**
 * PartitionKey of a group: a hash of tenant and the group's conversation (a channel thread folded
 * into its channel), safe for any conversation id. The one way from a conversation to its group.
 */
export function groupKeyOf(tenantId: string, conversationId: string): string {
  const id = `${tenantId}|${groupConversationId(conversationId)}`;
  return `g-${createHash('sha256').update(id, 'utf8').digest('base64url').slice(0, 32)}`;
}
