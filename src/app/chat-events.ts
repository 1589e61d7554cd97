import { groupConversationId } from '../domain/conversation';
import type { ConversationRef, Group, Member } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { ok, transact, type Outcome } from './result';

/** The group conversation's id without a channel thread's `;messageid=`. */
function groupConversationOf(ref: ConversationRef): Record<string, unknown> {
  const conversation = (ref.conversation ?? {}) as Record<string, unknown>;
  const id = typeof conversation.id === 'string' ? groupConversationId(conversation.id) : conversation.id;
  return { ...conversation, id };
}

/** The stored reference with the latest serviceUrl Teams used for the chat (and no `;messageid=`). */
function freshReference(stored: ConversationRef, incoming: ConversationRef): ConversationRef {
  const serviceUrl = typeof incoming.serviceUrl === 'string' ? incoming.serviceUrl : stored.serviceUrl;
  return { ...stored, serviceUrl, conversation: groupConversationOf(stored) };
}

/**
 * The stored group as an activity from its chat leaves it: the bot is in the chat, so an
 * "inactive" mark is cleared; the conversation reference takes the serviceUrl Teams used now
 * (background sends go there); a member who joined before their chat id was kept gets it now.
 * Undefined when nothing changes (or the group is being deleted).
 */
export function afterActivity(group: Group, actor: Actor): Group | undefined {
  if (actor.chat === 'personal' || group.deletedAt) return undefined;
  const conversation = freshReference(group.conversation, actor.conversation);
  const members = group.members.map((m) =>
    m.userId === actor.userId && !m.chatId && actor.chatId ? { ...m, chatId: actor.chatId } : m,
  );
  const changed =
    group.inactive !== undefined ||
    JSON.stringify(conversation) !== JSON.stringify(group.conversation) ||
    members.some((m, i) => m !== group.members[i]);
  return changed ? { ...group, conversation, members, inactive: undefined } : undefined;
}

/** Any activity from the chat: stores what it changes (`afterActivity`); true when something changed. */
export function noteActivity(deps: AppDeps, actor: Actor): Promise<Outcome<boolean>> {
  return transact(async () => {
    if (actor.chat === 'personal') return ok(false);
    const found = await deps.store.loadGroup(actor.groupKey);
    const changed = found && afterActivity(found.value, actor);
    if (!found || !changed) return ok(false);
    await deps.store.saveGroup({ ...found, value: changed });
    return ok(true);
  });
}

/** People left the chat (Teams names them by their chat ids only): they leave the group; their answers stay. */
export function membersLeftChat(
  deps: AppDeps,
  actor: Actor,
  chatIds: readonly string[],
): Promise<Outcome<{ group: Group; removed: Member[] } | undefined>> {
  return transact(async () => {
    const found = await deps.store.loadGroup(actor.groupKey);
    if (!found || found.value.deletedAt) return ok(undefined);
    const gone = new Set(chatIds);
    const removed = found.value.members.filter((m) => m.chatId && gone.has(m.chatId));
    if (removed.length === 0) return ok({ group: found.value, removed });
    const members = found.value.members.filter((m) => !removed.includes(m));
    const saved = await deps.store.saveGroup({ ...found, value: { ...found.value, members } });
    return ok({ group: saved.value, removed });
  });
}

/** The bot was removed from the chat (installationUpdate remove): reminders stop until it is added again. */
export function botRemoved(deps: AppDeps, actor: Actor): Promise<Outcome<Group | undefined>> {
  return transact(async () => {
    const found = await deps.store.loadGroup(actor.groupKey);
    if (!found || found.value.deletedAt) return ok(undefined);
    const inactive = { since: deps.now().toISOString(), status: 0, code: 'removed' };
    const saved = await deps.store.saveGroup({ ...found, value: { ...found.value, inactive } });
    return ok(saved.value);
  });
}
