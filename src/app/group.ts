import { isFull, MAX_MEMBERS } from '../domain/composition';
import { parseGroupSettings, parseJoin } from '../domain/group-input';
import { randomId } from '../domain/items';
import { coordinatorNames, isCoordinator } from '../domain/roles';
import type { Group, Member } from '../domain/types';
import type { Versioned } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { invalidForm, ok, refuse, transact, type Outcome } from './result';

/** The result of setup: the group as saved, and whether it was created now. */
export interface SetupResult {
  group: Group;
  created: boolean;
}

/** The result of a join or leave: the group's new roster. */
export interface RosterResult {
  group: Group;
  member?: Member;
  changed: 'joined' | 'updated' | 'left';
}

/** Loads the actor's group or refuses (personal chat, or no group yet). */
export async function requireGroup(deps: AppDeps, actor: Actor): Promise<Outcome<Versioned<Group>>> {
  if (actor.chat === 'personal') return refuse('personalChat');
  const group = await deps.store.loadGroup(actor.groupKey);
  if (group?.value.deletedAt) return refuse('groupDeleted', { name: group.value.name });
  return group ? ok(group) : refuse('noGroup');
}

/** Loads the group and refuses anyone but a coordinator. */
export async function requireCoordinator(deps: AppDeps, actor: Actor): Promise<Outcome<Versioned<Group>>> {
  const found = await requireGroup(deps, actor);
  if (!found.ok) return found;
  if (!isCoordinator(found.value.value, actor.userId)) {
    return refuse('notCoordinator', { coordinators: coordinatorNames(found.value.value) });
  }
  return found;
}

/**
 * True once the group has answered or a meeting has started: from then on an anonymous group stays
 * anonymous (its answers were given in trust that they were), and each started meeting keeps the
 * mode it started with (`Meeting.revealMode`).
 */
export async function hasAnswers(deps: AppDeps, actor: Actor): Promise<boolean> {
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  return (
    (snapshot?.answers.length ?? 0) > 0 ||
    (snapshot?.meetings ?? []).some((m) => !['planned', 'invited'].includes(m.value.status))
  );
}

/** Creates the group (the caller becomes coordinator) or lets a coordinator change its settings. */
export function setupGroup(
  deps: AppDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SetupResult>> {
  return transact(async () => {
    if (actor.chat === 'personal') return refuse('personalChat');
    const existing = await deps.store.loadGroup(actor.groupKey);
    if (existing?.value.deletedAt) return refuse('groupDeleted', { name: existing.value.name });
    if (existing && !isCoordinator(existing.value, actor.userId)) {
      return refuse('notCoordinator', { coordinators: coordinatorNames(existing.value) });
    }
    const settings = parseGroupSettings(
      existing && data.revealMode === undefined ? { ...data, revealMode: existing.value.revealMode } : data,
      existing?.value.language ?? actor.language,
    );
    if (!settings.ok) return invalidForm(settings.errors);
    if (existing) {
      const current = existing.value.revealMode;
      if (current === 'anonymous' && settings.value.revealMode === 'named' && (await hasAnswers(deps, actor)))
        return refuse('revealModeFixed');
      const saved = await deps.store.saveGroup({
        ...existing,
        value: { ...existing.value, ...settings.value },
      });
      return ok({ group: saved.value, created: false });
    }
    const group: Group = {
      ...settings.value,
      key: actor.groupKey,
      tenantId: actor.tenantId,
      coordinators: [{ userId: actor.userId, name: actor.name }],
      members: [],
      conversation: actor.conversation,
      createdAt: deps.now().toISOString(),
    };
    // Rows a late writer left after an earlier group of this chat was deleted must not join the new one.
    await deps.store.sweepGroup({ ...group, coordinators: [] });
    await deps.store.createGroup(group);
    await deps.store.indexCoordinator(actor.tenantId, actor.userId, group.key, group.name);
    return ok({ group, created: true });
  });
}

/** Adds the caller to the roster (or updates their role); the roster is ETag-guarded, so 3–6 holds. */
export function joinGroup(
  deps: AppDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<RosterResult>> {
  return transact(async () => {
    const found = await requireGroup(deps, actor);
    if (!found.ok) return found;
    const input = parseJoin(data);
    if (!input.ok) return invalidForm(input.errors);
    const group = found.value.value;
    const current = group.members.find((m) => m.userId === actor.userId);
    if (!current && isFull(group.members)) {
      return refuse('groupFull', { max: MAX_MEMBERS, coordinators: coordinatorNames(group) });
    }
    const member: Member = {
      userId: actor.userId,
      ...(actor.chatId ? { chatId: actor.chatId } : {}),
      name: actor.name,
      ...input.value,
      joinedAt: current?.joinedAt ?? deps.now().toISOString(),
      ref: current?.ref ?? randomId(),
    };
    const members = (
      current
        ? group.members.map((m) => (m.userId === actor.userId ? member : m))
        : [...group.members, member]
    ).map((m) => (m.ref ? m : { ...m, ref: randomId() }));
    const saved = await deps.store.saveGroup({ ...found.value, value: { ...group, members } });
    return ok({ group: saved.value, member, changed: current ? 'updated' : 'joined' });
  });
}

/** Removes the caller from the roster. */
export function leaveGroup(deps: AppDeps, actor: Actor): Promise<Outcome<RosterResult>> {
  return transact(async () => {
    const found = await requireGroup(deps, actor);
    if (!found.ok) return found;
    const group = found.value.value;
    if (!group.members.some((m) => m.userId === actor.userId)) return refuse('notMember');
    const members = group.members.filter((m) => m.userId !== actor.userId);
    const saved = await deps.store.saveGroup({ ...found.value, value: { ...group, members } });
    return ok({ group: saved.value, changed: 'left' });
  });
}

/** Remembers the activity id of the group's shared card, so later changes update it in place. */
export function recordGroupCard(deps: AppDeps, actor: Actor, activityId: string): Promise<Outcome<Group>> {
  return transact(async () => {
    const found = await requireGroup(deps, actor);
    if (!found.ok) return found;
    const saved = await deps.store.saveGroup({
      ...found.value,
      value: { ...found.value.value, groupCardId: activityId },
    });
    return ok(saved.value);
  });
}

/** Marks the group inactive (Teams says the bot is no longer in the chat), or active again (`status` undefined). */
export function setInactive(
  deps: AppDeps,
  actor: Pick<Actor, 'groupKey'>,
  status: number | undefined,
  code?: string,
): Promise<Outcome<Group | undefined>> {
  return transact(async () => {
    const found = await deps.store.loadGroup(actor.groupKey);
    if (!found || found.value.deletedAt || (status === undefined && !found.value.inactive))
      return ok(found?.value);
    const inactive =
      status === undefined
        ? undefined
        : { since: deps.now().toISOString(), status, ...(code ? { code } : {}) };
    const saved = await deps.store.saveGroup({ ...found, value: { ...found.value, inactive } });
    return ok(saved.value);
  });
}
