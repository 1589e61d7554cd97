import { groupKeyOf } from '../domain/conversation';
import type { Group, Language, Meeting } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { setInactive } from './group';
import { currentMeeting, type MeetingView } from './meeting';
import { projectViewOf, type ProjectView } from './project';
import { okIn, type Outcome } from './result';
import type { Input } from './use-case';
import { declareVerbs } from './verb';

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

/** What a Universal Actions refresh shows: a meeting's current status, or the group card. */
export type RefreshView =
  { kind: 'meeting'; view: MeetingView } | { kind: 'group'; group: Group | undefined; language: Language };

/** The current view behind a shared card: meeting `input.meeting`'s status when it exists, else the group. */
export async function refresh(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<RefreshView>> {
  if (input.meeting !== undefined) {
    const view = await currentMeeting(deps, actor, Number(input.meeting));
    if (view) return okIn(view.group.language, { kind: 'meeting', view });
  }
  const group = await groupView(deps, actor);
  const language = group?.language ?? actor.language;
  return okIn(language, { kind: 'group', group, language });
}

/** The Universal Actions refresh's verb. */
export const refreshVerbs = declareVerbs({
  refresh: { who: 'anyone', repeatable: true, run: refresh },
});

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

/** The ids of a chat's shared cards as stored: the group card, the project vote, each meeting's cards. */
export interface SharedCards {
  group?: string;
  projectVote?: string;
  meetings: Record<number, { invitation?: string; status?: string; conclusion?: string } | undefined>;
}

/** The chat's shared cards (one partition query), or undefined when the chat has no group. */
export async function sharedCards(deps: AppDeps, actor: Actor): Promise<SharedCards | undefined> {
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  if (!snapshot) return undefined;
  const group = snapshot.group.value;
  const meetings = snapshot.meetings.map(({ value: m }) => [
    m.number,
    { invitation: m.invitationCardId, status: m.statusCardId, conclusion: m.conclusionCardId },
  ]);
  return {
    group: group.groupCardId,
    projectVote: group.projectVote?.cardId,
    meetings: Object.fromEntries(meetings),
  };
}
