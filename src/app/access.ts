/**
 * The one way into a group's state: personal chat? no group, or one being deleted? the right role?
 * Every refusal is in the language known when it was decided: the person's before the group is
 * read, the group's after, so no turn reads the group again only to pick a language.
 */
import { coordinatorNames, isCoordinator } from '../domain/roles';
import { ConflictError, storedMeeting, type Versioned } from '../domain/snapshot';
import { readMeetingNumber, type MeetingNumber } from '../domain/themes';
import type { Group, Meeting } from '../domain/types';
import { standingOf, type GroupSnapshot, type Roster } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { okIn, refuseIn, type Outcome, type Refused } from './result';

/** Who may take an action (none: anyone in the chat). */
export type Role = 'coordinator' | 'member';

/** Where to enter: the chat's group (refused in a personal chat), or a group chosen from a personal chat. */
export interface Entry {
  role?: Role;
  groupKey?: string;
  /** Only what a turn about this meeting needs (`GroupStore.loadMeetingPartition`), not the whole partition. */
  meeting?: number;
  /** A setup: with no partition, clear what an earlier group left (`GroupStore.sweepBeforeSetup`, keeping this step's rows). */
  setupStep?: string;
}

/** Why the actor may not act on `group` (as read; undefined: none), or undefined when they may. */
function refusalFor(actor: Actor, group: Group | undefined, role?: Role): Refused | undefined {
  if (!group) return { ok: false, refusal: 'noGroup', language: actor.language };
  const { language } = group;
  if (group.deletedAt) return { ok: false, refusal: 'groupDeleted', detail: { name: group.name }, language };
  if (role === 'coordinator' && !isCoordinator(group, actor.userId)) {
    const detail = { coordinators: coordinatorNames(group) };
    return { ok: false, refusal: 'notCoordinator', detail, language };
  }
  if (role === 'member' && !group.members.some((m) => m.userId === actor.userId))
    return { ok: false, refusal: 'notMember', language };
  return undefined;
}

/** The personal-chat refusal, when the entry needs the chat's own group. */
function outsideGroupChat(actor: Actor, entry: Entry): Refused | undefined {
  if (entry.groupKey !== undefined || actor.chat !== 'personal') return undefined;
  return { ok: false, refusal: 'personalChat', language: actor.language };
}

/** The group's whole partition (one query), for someone with the entry's role. */
export async function enter(deps: AppDeps, actor: Actor, entry: Entry = {}): Promise<Outcome<GroupSnapshot>> {
  const outside = outsideGroupChat(actor, entry);
  if (outside) return outside;
  const key = entry.groupKey ?? actor.groupKey;
  const snapshot =
    entry.meeting === undefined
      ? await deps.store.loadPartition(key)
      : await deps.store.loadMeetingPartition(key, entry.meeting);
  if (snapshot) {
    const refused = refusalFor(actor, snapshot.group.value, entry.role);
    if (refused) return refused;
    // While `slet mine data` deletes the person, nothing of theirs is written (their rows are hidden).
    if (entry.role && standingOf(snapshot, actor.userId)?.erasedAt)
      return refuseIn(snapshot.group.value.language, 'notMember');
    return okIn(snapshot.group.value.language, snapshot);
  }
  // No partition to read: a new chat, or a group being deleted (its tombstone is not part of a snapshot).
  // A setup's sweep lists the partition anyway: without a group row in it there is nothing more to read.
  if (entry.setupStep !== undefined && !(await deps.store.sweepBeforeSetup(key, entry.setupStep)))
    return refuseIn(actor.language, 'noGroup');
  const row = (await deps.store.loadGroup(key))?.value;
  // A group created between the two reads: decide again from the first.
  if (row && !row.deletedAt) throw new ConflictError('group');
  return refusalFor(actor, row) ?? refuseIn(actor.language, 'noGroup');
}

/** The group row alone (one point read), for someone with the entry's role. */
export async function enterRow(
  deps: AppDeps,
  actor: Actor,
  entry: Entry = {},
): Promise<Outcome<Versioned<Group>>> {
  const outside = outsideGroupChat(actor, entry);
  if (outside) return outside;
  const found = await deps.store.loadGroup(entry.groupKey ?? actor.groupKey);
  return refusalFor(actor, found?.value, entry.role) ?? okIn(found!.value.language, found!);
}

/** The group row and the actor's standing in it (one query): what a join or leave is decided from. */
export type Standing = Required<Pick<Roster, 'group'>> & Pick<Roster, 'standing'>;

/** The group row with the actor's standing (one query), for someone with the entry's role. */
export async function enterRoster(
  deps: AppDeps,
  actor: Actor,
  entry: Entry = {},
): Promise<Outcome<Standing>> {
  const outside = outsideGroupChat(actor, entry);
  if (outside) return outside;
  const { group, standing } = await deps.store.loadRoster(entry.groupKey ?? actor.groupKey, actor.userId);
  return (
    refusalFor(actor, group?.value, entry.role) ?? okIn(group!.value.language, { group: group!, standing })
  );
}

/** A group loaded for an action on meeting n. */
export interface Loaded {
  snapshot: GroupSnapshot;
  n: MeetingNumber;
  meeting?: Versioned<Meeting>;
}

/**
 * Enters the group for meeting n (one query: the group row and the rows of meetings n−1 and n) and
 * checks that the meeting number is real; the refusal of a number that is not comes after the
 * group's checks, in the group's language.
 */
export async function enterMeeting(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
  role?: Role,
): Promise<Outcome<Loaded>> {
  const n = readMeetingNumber(rawMeeting);
  const entered = await enter(deps, actor, { role, meeting: n });
  if (!entered.ok) return entered;
  if (n === undefined) return refuseIn(entered.language, 'meetingNumber');
  const meeting = storedMeeting(entered.value, n);
  return okIn(entered.value.group.value.language, {
    snapshot: entered.value,
    n: n as MeetingNumber,
    meeting,
  });
}
