import { isFull, MAX_MEMBERS, withMember } from '../domain/composition';
import { parseGroupSettings, parseJoin } from '../domain/group-input';
import { randomId } from '../domain/items';
import { answeringBegun } from '../domain/meeting';
import { coordinatorNames, isCoordinator } from '../domain/roles';
import type { Group, Member } from '../domain/types';
import { ConflictError, type Versioned } from '../domain/snapshot';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { invalidForm, ok, refuse, transact, type Outcome } from './result';
import { useCase, type CardData } from './use-case';

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

/**
 * True once the group has answered or a meeting has started (one partition query): from then on an
 * anonymous group stays anonymous; see `answeringBegun`.
 */
export async function hasAnswers(deps: AppDeps, actor: Actor): Promise<boolean> {
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  return snapshot !== undefined && answeringBegun(snapshot);
}

/**
 * Loads the chat's group for `opret` (one partition query): undefined when there is none yet, so
 * it is created; refused for anyone but a coordinator, and while a deleted group is being swept.
 */
async function loadForSetup(deps: AppDeps, actor: Actor): Promise<Outcome<GroupSnapshot | undefined>> {
  if (actor.chat === 'personal') return refuse('personalChat');
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  if (snapshot) {
    const group = snapshot.group.value;
    if (isCoordinator(group, actor.userId)) return ok(snapshot);
    return refuse('notCoordinator', { coordinators: coordinatorNames(group) });
  }
  // No partition to read: a new chat, or a group being deleted (its tombstone is not part of a snapshot).
  const row = await deps.store.loadGroup(actor.groupKey);
  if (row?.value.deletedAt) return refuse('groupDeleted', { name: row.value.name });
  // A group created between the two reads: decide again from the first.
  if (row) throw new ConflictError('group');
  return ok(undefined);
}

/** Creates the group (the caller becomes coordinator) or lets a coordinator change its settings. */
export function setupGroup(deps: AppDeps, actor: Actor, data: CardData): Promise<Outcome<SetupResult>> {
  return useCase(deps, actor, loadForSetup, async (snapshot) => {
    const existing = snapshot?.group;
    const settings = parseGroupSettings(
      existing && data.revealMode === undefined ? { ...data, revealMode: existing.value.revealMode } : data,
      existing?.value.language ?? actor.language,
    );
    if (!settings.ok) return invalidForm(settings.errors);
    if (existing) {
      const current = existing.value.revealMode;
      if (current === 'anonymous' && settings.value.revealMode === 'named' && answeringBegun(snapshot))
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
export function joinGroup(deps: AppDeps, actor: Actor, data: CardData): Promise<Outcome<RosterResult>> {
  return useCase(deps, actor, requireGroup, async (found) => {
    const input = parseJoin(data);
    if (!input.ok) return invalidForm(input.errors);
    const group = found.value;
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
    const members = withMember(group.members, member);
    const saved = await deps.store.saveGroup({ ...found, value: { ...group, members } });
    return ok({ group: saved.value, member, changed: current ? 'updated' : 'joined' });
  });
}

/** Removes the caller from the roster. */
export function leaveGroup(deps: AppDeps, actor: Actor): Promise<Outcome<RosterResult>> {
  return useCase(deps, actor, requireGroup, async (found) => {
    const group = found.value;
    if (!group.members.some((m) => m.userId === actor.userId)) return refuse('notMember');
    const members = group.members.filter((m) => m.userId !== actor.userId);
    const saved = await deps.store.saveGroup({ ...found, value: { ...group, members } });
    return ok({ group: saved.value, changed: 'left' as const });
  });
}

/** Remembers the activity id of the group's shared card, so later changes update it in place. */
export function recordGroupCard(deps: AppDeps, actor: Actor, activityId: string): Promise<Outcome<Group>> {
  return useCase(deps, actor, requireGroup, async (found) =>
    ok((await deps.store.saveGroup({ ...found, value: { ...found.value, groupCardId: activityId } })).value),
  );
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
