import { groupKeyOf } from '../domain/conversation';
import type { Group, Language, Meeting } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { setInactive } from './group';
import { projectViewOf, type ProjectView } from './project';

/** The chat's group as stored now, or undefined when it has none yet. */
export async function groupView(deps: AppDeps, actor: Actor): Promise<Group | undefined> {
  return (await deps.store.loadGroup(actor.groupKey))?.value;
}

/** The language to answer in: the group's once it has one, else the person's (and on any failure). */
export async function languageFor(deps: AppDeps, actor: Actor): Promise<Language> {
  if (actor.chat === 'personal') return actor.language;
  try {
    return (await groupView(deps, actor))?.language ?? actor.language;
  } catch {
    return actor.language;
  }
}

/**
 * The bot was added to the chat again: a group marked inactive (the bot was out of the chat) is
 * active again. The group as it was stored, for showing its card.
 */
export async function welcomeBack(deps: AppDeps, actor: Actor): Promise<Group | undefined> {
  const group = await groupView(deps, actor);
  if (group?.inactive) await setInactive(deps, actor, undefined);
  return group;
}

/** The common project as stored now (one query), for refreshing the project's cards. */
export async function projectView(deps: AppDeps, actor: Actor): Promise<ProjectView | undefined> {
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  return snapshot && projectViewOf(snapshot);
}

/** A meeting with a date for a calendar file, or undefined when there is none (yet). */
export async function calendarEntry(
  deps: AppDeps,
  groupKey: string,
  n: number,
): Promise<{ group: Group; meeting: Meeting } | undefined> {
  const group = (await deps.store.loadGroup(groupKey))?.value;
  const meeting = (await deps.store.loadMeeting(groupKey, n))?.value;
  return group && meeting?.date ? { group, meeting } : undefined;
}

/**
 * Teams says the bot is no longer in a conversation: its group is marked inactive (so nothing
 * more is sent there until the chat is active again).
 */
export async function markGone(
  deps: AppDeps,
  conversation: { tenantId?: string; id?: string } | undefined,
  status: number,
  code?: string,
): Promise<void> {
  const groupKey = groupKeyOf(conversation?.tenantId ?? 'local', conversation?.id ?? '');
  await setInactive(deps, { groupKey }, status, code);
}
