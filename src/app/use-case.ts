import type { Group, Meeting } from '../domain/types';
import type { Versioned } from '../domain/snapshot';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { enter, enterMeeting, type Loaded, type Role } from './access';
import { ok, refuse, transact, type Outcome, type Refusal } from './result';

/** What a card's button or form, or a chat command, sent: untrusted until a parser has read it. */
export type Input = Record<string, unknown>;

/** What a use case loads before it decides: the stored state it needs, or the refusal to give instead. */
export type Load<L> = (deps: AppDeps, actor: Actor) => Promise<Outcome<L>>;

/**
 * The one shape of a use case: load what it needs (or refuse), decide, write. Runs again from the
 * load when a conditional write lost a race (see `transact`). A refusal decided after the load is
 * in the language the load read.
 */
export function useCase<L, T>(
  deps: AppDeps,
  actor: Actor,
  load: Load<L>,
  decide: (loaded: L) => Outcome<T> | Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  return transact(async () => {
    const loaded = await load(deps, actor);
    if (!loaded.ok) return loaded;
    const decided = await decide(loaded.value);
    return decided.ok || decided.language ? decided : { ...decided, language: loaded.language };
  });
}

/** Loads the actor's group (one partition query) for someone with the role (none: anyone in the chat). */
export function inGroup(role?: Role): Load<GroupSnapshot> {
  return (deps, actor) => enter(deps, actor, { role });
}

/** Loads the actor's group (one partition query) for an action on meeting `rawMeeting`. */
export function onMeeting(rawMeeting: unknown, role?: Role): Load<Loaded> {
  return (deps, actor) => enterMeeting(deps, actor, rawMeeting, role);
}

/** The group row by a point read (no partition query); undefined when the chat has none or it is being deleted. */
export const liveGroup: Load<Versioned<Group> | undefined> = async (deps, actor) => {
  const found = await deps.store.loadGroup(actor.groupKey);
  return ok(found?.value.deletedAt ? undefined : found);
};

/**
 * Changes one stored meeting by a point read and an ETag-guarded write (card ids, posting marks);
 * refuses with `missing` when meeting n has not been stored.
 */
export function changeMeeting(
  deps: AppDeps,
  actor: Actor,
  n: number,
  change: (m: Meeting) => Meeting,
  missing: Refusal = 'meetingNotOpen',
): Promise<Outcome<Meeting>> {
  const load: Load<Versioned<Meeting>> = async () => {
    const saved = await deps.store.loadMeeting(actor.groupKey, n);
    return saved ? ok(saved) : refuse(missing, { n });
  };
  return useCase(deps, actor, load, async (saved) => {
    const next = change(saved.value);
    await deps.store.saveMeeting(actor.groupKey, next, saved.etag);
    return ok(next);
  });
}
