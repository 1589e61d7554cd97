import { hasStarted } from '../domain/meeting';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { coordinatorNames, isCoordinator } from '../domain/roles';
import { readMeetingNumber } from '../domain/themes';
import { ok, refuse, transact, type Outcome } from './result';

/** What a summary shows: the group's partition (one query), and which meeting (none: the whole programme). */
export interface SummaryView {
  snapshot: GroupSnapshot;
  meeting?: number;
}

/** Which group a summary is for: the chat's own, or (in a personal chat) one the caller coordinates. */
async function groupKeyFor(deps: AppDeps, actor: Actor, requested: unknown): Promise<Outcome<string>> {
  if (actor.chat !== 'personal') return ok(actor.groupKey);
  const mine = await deps.store.listCoordinatedGroups(actor.tenantId, actor.userId);
  if (typeof requested === 'string' && requested) {
    return mine.some((g) => g.key === requested)
      ? ok(requested)
      : refuse('notCoordinator', { coordinators: '–' });
  }
  if (mine.length === 1) return ok(mine[0].key);
  if (mine.length === 0) return refuse('personalChat');
  return refuse('chooseGroup');
}

/** The summary of meeting `rawMeeting` ('' or absent: the whole programme), for a coordinator. */
export function summarise(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
  requestedGroup?: unknown,
): Promise<Outcome<SummaryView>> {
  return transact(async () => {
    const key = await groupKeyFor(deps, actor, requestedGroup);
    if (!key.ok) return key;
    const snapshot = await deps.store.loadPartition(key.value);
    if (!snapshot) return refuse('noGroup');
    const group = snapshot.group.value;
    if (!isCoordinator(group, actor.userId))
      return refuse('notCoordinator', { coordinators: coordinatorNames(group), summary: 1 });
    const whole = rawMeeting === undefined || rawMeeting === '' || rawMeeting === 0;
    if (whole) return ok({ snapshot });
    const n = readMeetingNumber(rawMeeting);
    if (n === undefined) return refuse('meetingNumber');
    const meeting = snapshot.meetings.find((m) => m.value.number === n)?.value;
    if (!hasStarted(meeting)) return refuse('meetingNotHeld', { n });
    return ok({ snapshot, meeting: n });
  });
}

/** The groups a coordinator can choose between in a personal chat. */
export function coordinatedGroups(deps: AppDeps, actor: Actor): Promise<{ key: string; name: string }[]> {
  return deps.store.listCoordinatedGroups(actor.tenantId, actor.userId);
}
