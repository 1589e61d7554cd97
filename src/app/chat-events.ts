import { freshReference } from '../domain/conversation';
import type { Group, Member } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { ok, type Outcome } from './result';
import { liveGroup, useCase } from './use-case';

/**
 * The stored group as an activity from its chat leaves it: the bot is in the chat, so an
 * "inactive" mark is cleared; the conversation reference takes the serviceUrl Teams used now
 * (background sends go there); a member or coordinator whose chat id was not kept yet gets it now.
 * Undefined when nothing changes (or the group is being deleted).
 */
export function afterActivity(group: Group, actor: Actor): Group | undefined {
  if (actor.chat === 'personal' || group.deletedAt) return undefined;
  const conversation = freshReference(group.conversation, actor.conversation);
  const withChatId = <P extends { userId: string; chatId?: string }>(p: P): P =>
    p.userId === actor.userId && !p.chatId && actor.chatId ? { ...p, chatId: actor.chatId } : p;
  const members = group.members.map(withChatId);
  const coordinators = group.coordinators.map(withChatId);
  const changed =
    group.inactive !== undefined ||
    JSON.stringify(conversation) !== JSON.stringify(group.conversation) ||
    members.some((m, i) => m !== group.members[i]) ||
    coordinators.some((c, i) => c !== group.coordinators[i]);
  return changed ? { ...group, conversation, members, coordinators, inactive: undefined } : undefined;
}

/** Any activity from the chat: stores what it changes (`afterActivity`); true when something changed. */
export function noteActivity(deps: AppDeps, actor: Actor): Promise<Outcome<boolean>> {
  if (actor.chat === 'personal') return Promise.resolve(ok(false));
  return useCase(deps, actor, liveGroup, async (found) => {
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
  return useCase(deps, actor, liveGroup, async (found) => {
    if (!found) return ok(undefined);
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
  return useCase(deps, actor, liveGroup, async (found) => {
    if (!found) return ok(undefined);
    const inactive = { since: deps.now().toISOString(), status: 0, code: 'removed' };
    const saved = await deps.store.saveGroup({ ...found, value: { ...found.value, inactive } });
    return ok(saved.value);
  });
}
