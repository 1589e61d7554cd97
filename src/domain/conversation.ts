/**
 * The conversation a group lives in, from the id an activity names: a reply in a channel thread
 * carries `;messageid=…` after the channel's id, and belongs to the channel's group.
 */
export function groupConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}
