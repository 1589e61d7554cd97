import { guideSteps, meetingMinutes, type GuideStep } from '../domain/guide';
import { isMeetingNumber, type MeetingNumber } from '../domain/themes';
import type { Group, Meeting } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { isCoordinator, requireGroup } from './group';
import { readMeetingNumber } from './invitation';
import { ok, refuse, transact, type Outcome } from './result';

/**
 * What `vejledning N` shows: for a coordinator the meeting as timed steps that add up to the
 * invited length (the method's two hours without an invitation); for anyone else only which meeting.
 */
export interface GuideView {
  group: Group;
  meeting: MeetingNumber;
  coordinator: boolean;
  /** The invitation's date and times, when one has been sent. */
  invited?: Pick<Meeting, 'date' | 'start' | 'end'>;
  minutes: number;
  steps: GuideStep[];
}

/** The guide to meeting `rawMeeting` in the actor's group. */
export function meetingGuide(deps: AppDeps, actor: Actor, rawMeeting: unknown): Promise<Outcome<GuideView>> {
  return transact(async () => {
    const found = await requireGroup(deps, actor);
    if (!found.ok) return found;
    const n = readMeetingNumber(rawMeeting);
    if (!isMeetingNumber(n)) return refuse('meetingNumber');
    const group = found.value.value;
    if (!isCoordinator(group, actor.userId))
      return ok({ group, meeting: n, coordinator: false, minutes: 0, steps: [] });
    const m = (await deps.store.loadMeeting(actor.groupKey, n))?.value;
    const invited = m?.date ? { date: m.date, start: m.start, end: m.end } : undefined;
    const minutes = meetingMinutes(invited?.start, invited?.end);
    return ok({ group, meeting: n, coordinator: true, invited, minutes, steps: guideSteps(n, minutes) });
  });
}
