import { guideSteps, meetingMinutes, type GuideStep } from '../domain/guide';
import type { MeetingNumber } from '../domain/themes';
import type { Group, Meeting } from '../domain/types';
import { isCoordinator } from '../domain/roles';
import type { Actor, AppDeps } from './context';
import { ok, type Outcome } from './result';
import { onMeeting, useCase, type Input } from './use-case';
import { declareVerbs } from './verb';

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

/** The guide to meeting `input.meeting` in the actor's group (one partition query). */
export function openGuide(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<GuideView>> {
  return useCase(deps, actor, onMeeting(input.meeting), ({ snapshot, n, meeting }): Outcome<GuideView> => {
    const group = snapshot.group.value;
    if (!isCoordinator(group, actor.userId))
      return ok({ group, meeting: n, coordinator: false, minutes: 0, steps: [] });
    const m = meeting?.value;
    const invited = m?.date ? { date: m.date, start: m.start, end: m.end } : undefined;
    const minutes = meetingMinutes(invited?.start, invited?.end);
    return ok({ group, meeting: n, coordinator: true, invited, minutes, steps: guideSteps(n, minutes) });
  });
}

/** The guide's card verb (also `vejledning N`). */
export const guideVerbs = declareVerbs({
  openGuide: { who: 'anyone', repeatable: true, run: openGuide },
});
