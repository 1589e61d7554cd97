import { meetingsOf } from '../domain/snapshot';
import type { Group, Meeting, Rsvp } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { ok, type Outcome } from './result';
import { inGroup, useCase } from './use-case';

/** What `status` shows: the group, its meetings and the RSVPs to them. */
export interface StatusView {
  group: Group;
  meetings: Meeting[];
  rsvps: Rsvp[];
}

/** The status view of a snapshot. */
export function statusViewOf(snapshot: GroupSnapshot): StatusView {
  return { group: snapshot.group.value, meetings: meetingsOf(snapshot), rsvps: snapshot.rsvps };
}

/** Everything the status answer shows, from one partition query. */
export function programmeStatus(deps: AppDeps, actor: Actor): Promise<Outcome<StatusView>> {
  return useCase(deps, actor, inGroup(), (snapshot) => ok(statusViewOf(snapshot)));
}
