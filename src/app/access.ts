import type { MeetingNumber } from '../domain/themes';
import type { Meeting } from '../domain/types';
import { storedMeeting, type Versioned } from '../domain/snapshot';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { coordinatorNames, isCoordinator } from '../domain/roles';
import { readMeetingNumber } from '../domain/themes';
import { ok, refuse, type Outcome } from './result';

/** Who may take an action. */
export type Role = 'coordinator' | 'member';

/**
 * Loads the actor's whole group (one partition query) and refuses anyone without the role (no
 * role: anyone in the chat).
 */
export async function loadAs(deps: AppDeps, actor: Actor, role?: Role): Promise<Outcome<GroupSnapshot>> {
  if (actor.chat === 'personal') return refuse('personalChat');
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  if (!snapshot) {
    const deleted = (await deps.store.loadGroup(actor.groupKey))?.value;
    const language = deleted?.language ?? actor.language;
    return deleted?.deletedAt
      ? { ok: false, refusal: 'groupDeleted', detail: { name: deleted.name }, language }
      : { ok: false, refusal: 'noGroup', language };
  }
  const group = snapshot.group.value;
  const { language } = group;
  if (role === 'coordinator' && !isCoordinator(group, actor.userId)) {
    return {
      ok: false,
      refusal: 'notCoordinator',
      detail: { coordinators: coordinatorNames(group) },
      language,
    };
  }
  if (role === 'member' && !group.members.some((m) => m.userId === actor.userId))
    return { ok: false, refusal: 'notMember', language };
  return ok(snapshot);
}

/** A group loaded for an action on meeting n. */
export interface Loaded {
  snapshot: GroupSnapshot;
  n: MeetingNumber;
  meeting?: Versioned<Meeting>;
}

/** Loads the group's partition, checks who may act and that the meeting number is real. */
export async function loadForMeeting(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
  role?: Role,
): Promise<Outcome<Loaded>> {
  const loaded = await loadAs(deps, actor, role);
  if (!loaded.ok) return loaded;
  const n = readMeetingNumber(rawMeeting);
  if (n === undefined) return refuse('meetingNumber');
  return ok({ snapshot: loaded.value, n: n as MeetingNumber, meeting: storedMeeting(loaded.value, n) });
}
