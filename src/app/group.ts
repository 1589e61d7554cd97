import { isFull, MAX_MEMBERS, withMember } from '../domain/composition';
import { parseGroupSettings, parseJoin } from '../domain/group-input';
import { isOlder } from '../domain/clicks';
import { randomId } from '../domain/items';
import { answeringBegun } from '../domain/meeting';
import { coordinatorNames } from '../domain/roles';
import type { Group, Member } from '../domain/types';
import { StorageUnavailableError, type Versioned } from '../domain/snapshot';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { enter, enterRoster, enterRow, type Standing } from './access';
import { commitOrSave, type Posts } from './outbox';
import { oneAtATime } from './one-at-a-time';
import { invalidForm, ok, okIn, refuse, transact, type Outcome } from './result';
import { useCase, type Input, type Load } from './use-case';
import { declareVerbs } from './verb';

/** The result of setup: the group as saved, and whether it was created now. */
export interface SetupResult {
  group: Group;
  created: boolean;
}

/** The result of a join or leave: the group's new roster. */
export interface RosterResult {
  group: Group;
  member?: Member;
  /** `unchanged`: a late copy of an older click (a newer join or leave of the person's is stored). */
  changed: 'joined' | 'updated' | 'left' | 'unchanged';
}

/** What the setup card is opened with: the group's settings, and whether its reveal mode is fixed. */
export interface SetupView {
  group?: Group;
  /** True when the group answered anonymously: the reveal mode is then shown read-only. */
  revealFixed: boolean;
}

/**
 * The setup card for whoever asked: the group's settings when it has one (one partition query).
 * It opens even when storage cannot be read, empty: saving it then says what is wrong.
 */
export async function openSetup(deps: AppDeps, actor: Actor): Promise<Outcome<SetupView>> {
  try {
    const snapshot = await deps.store.loadPartition(actor.groupKey);
    const group = snapshot?.group.value ?? (await deps.store.loadGroup(actor.groupKey))?.value;
    const revealFixed =
      group?.revealMode === 'anonymous' && snapshot !== undefined && answeringBegun(snapshot);
    return okIn(group?.language ?? actor.language, { group, revealFixed });
  } catch (err) {
    if (err instanceof StorageUnavailableError) return okIn(actor.language, { revealFixed: false });
    throw err;
  }
}

/** The setup step's id: the group row and its first card commit together under it. */
const SETUP_STEP = 'g.card';

/**
 * Loads the chat's group for `opret` (one partition query): undefined when there is none yet, so
 * it is created — rows a late writer left after an earlier group of this chat was deleted are swept
 * first, so they cannot join the new one (the setup step's own rows stay: they can only be those of
 * someone who set the group up just now); refused while a deleted group is being swept, and for anyone but a coordinator:
 * once a group exists its coordinator stays (the second of two people setting up at once is told so).
 */
async function loadForSetup(deps: AppDeps, actor: Actor): Promise<Outcome<GroupSnapshot | undefined>> {
  const entered = await enter(deps, actor, { role: 'coordinator', setupStep: SETUP_STEP });
  if (entered.ok) return entered;
  if (entered.refusal === 'noGroup') return okIn(actor.language, undefined);
  return entered.refusal === 'notCoordinator' ? { ...entered, refusal: 'alreadySetUp' } : entered;
}

/**
 * Creates the group (the caller becomes coordinator) or lets a coordinator change its settings;
 * with `posts`, a new group's card goes out through the outbox with it. The group row is created
 * only if absent: of two people submitting at once one becomes coordinator, the other is refused.
 */
export function setupGroup(
  deps: AppDeps,
  actor: Actor,
  data: Input,
  posts?: Posts<SetupResult>,
): Promise<Outcome<SetupResult>> {
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
      coordinators: [
        { userId: actor.userId, name: actor.name, ...(actor.chatId ? { chatId: actor.chatId } : {}) },
      ],
      members: [],
      conversation: actor.conversation,
      createdAt: deps.now().toISOString(),
    };
    const created = { group, created: true };
    const step = { id: SETUP_STEP, finish: {} };
    // The step's record keeps the chat, not the person who set it up (their data can be erased).
    const chat = { conversation: { ...group.conversation, user: undefined } };
    await commitOrSave(deps, actor, chat, step, { group: { value: group } }, posts, created, () =>
      deps.store.createGroup(group),
    );
    await deps.store.indexCoordinator(actor.tenantId, actor.userId, group.key, group.name);
    return ok({ group, created: true });
  });
}

/**
 * Adds the caller to the roster (or updates their role); the roster is ETag-guarded, so 3–6 holds,
 * and saved with the person's standing: a click Teams got before their last join or leave changes nothing.
 */
export function joinGroup(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<RosterResult>> {
  return changeRoster(deps, actor, async ({ group: found, standing }) => {
    const input = parseJoin(data);
    if (!input.ok) return invalidForm(input.errors);
    const group = found.value;
    const current = group.members.find((m) => m.userId === actor.userId);
    if (standing?.value.erasedAt) return refuse('busy');
    if (isOlder(actor.clickedAt, standing?.value.at))
      return ok({ group, member: current, changed: 'unchanged' });
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
    const saved = await saveRoster(deps, actor, { ...found, value: { ...group, members } }, standing);
    return ok({ group: saved.value, member, changed: current ? 'updated' : 'joined' });
  });
}

/** Removes the caller from the roster (a click older than their last join or leave changes nothing). */
export function leaveGroup(deps: AppDeps, actor: Actor): Promise<Outcome<RosterResult>> {
  return changeRoster(deps, actor, async ({ group: found, standing }) => {
    const group = found.value;
    const current = group.members.find((m) => m.userId === actor.userId);
    if (!current) return refuse('notMember');
    if (isOlder(actor.clickedAt, standing?.value.at))
      return ok({ group, member: current, changed: 'unchanged' });
    const members = group.members.filter((m) => m.userId !== actor.userId);
    const saved = await saveRoster(deps, actor, { ...found, value: { ...group, members } }, standing);
    return ok({ group: saved.value, changed: 'left' as const });
  });
}

/** A join or leave: after the group's other roster changes on this instance (see `oneAtATime`). */
function changeRoster(
  deps: AppDeps,
  actor: Actor,
  decide: (loaded: Standing) => Promise<Outcome<RosterResult>>,
): Promise<Outcome<RosterResult>> {
  return oneAtATime(deps, actor.groupKey, () => useCase(deps, actor, roster, decide));
}

/** Saves a roster change with the person's standing (Teams' time of this click), both ETag-guarded. */
function saveRoster(
  deps: AppDeps,
  actor: Actor,
  group: Versioned<Group>,
  standing: Standing['standing'],
): Promise<Versioned<Group>> {
  const at = actor.clickedAt ?? standing?.value.at ?? '';
  return deps.store.saveRoster(group, actor.userId, { at }, standing?.etag);
}

/** Remembers the activity id of the group's shared card, so later changes update it in place. */
export function recordGroupCard(deps: AppDeps, actor: Actor, activityId: string): Promise<Outcome<Group>> {
  return useCase(deps, actor, groupRow, async (found) =>
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

/** The chat's group row with the actor's standing, for a join or leave (one query). */
const roster: Load<Standing> = async (deps, actor) => beforeSetup(await enterRoster(deps, actor));

/** "Jeg er med" on a card from before the group was set up: no group yet is said as such. */
export function beforeSetup<T>(entered: Outcome<T>): Outcome<T> {
  return !entered.ok && entered.refusal === 'noGroup' ? { ...entered, refusal: 'joinBeforeSetup' } : entered;
}

/** The chat's group row for a change of a card id (one point read). */
const groupRow: Load<Versioned<Group>> = (deps, actor) => enterRow(deps, actor);

/** The group's card verbs. */
export const groupVerbs = declareVerbs({
  openSetup: { who: 'anyone', repeatable: true, run: openSetup },
  setupGroup: { who: 'founder', refreshes: 'groupCard', repeatable: false, run: setupGroup },
  joinGroup: { who: 'anyone', refreshes: 'groupCard', repeatable: true, run: joinGroup },
  leaveGroup: { who: 'member', refreshes: 'groupCard', repeatable: true, run: leaveGroup },
});
