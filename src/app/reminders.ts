import { dueReminder, zonedInstant, type ReminderKind } from '../domain/reminders';
import { answeredIn, meetingsOf } from '../domain/snapshot';
import type { Group, Meeting, Person } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { ok, refuse, type Outcome } from './result';
import { inGroup, useCase } from './use-case';

/** A reminder this instance has claimed and must now post. */
export interface ClaimedReminder {
  kind: ReminderKind;
  group: Group;
  meeting: Meeting;
  /** For the RSVP reminder: the members who have not answered the invitation (they are @mentioned). */
  mention: Person[];
}

/**
 * Finds the reminders due now for every invited meeting and claims each in storage before it is
 * sent, so with several instances (or a restart mid-way) each goes out once. Groups whose chat is
 * gone, and RSVP reminders where everyone has answered, are claimed but give nothing to send.
 */
export async function claimDueReminders(deps: AppDeps): Promise<ClaimedReminder[]> {
  const now = deps.now();
  const claimed: ClaimedReminder[] = [];
  for (const { groupKey, meeting } of await deps.store.listMeetingsInStatus('invited')) {
    if (!meeting.date || !meeting.start) continue;
    const kind = dueReminder(zonedInstant(meeting.date, meeting.start, deps.timeZone), now);
    if (!kind) continue;
    const id = `${meeting.number}|${kind}|${meeting.date}T${meeting.start}`;
    if (!(await deps.store.claimReminder(groupKey, id, now.toISOString()))) continue;
    const group = (await deps.store.loadGroup(groupKey))?.value;
    if (!group || group.inactive || group.deletedAt) continue;
    let mention: Person[] = [];
    if (kind === 'rsvp48') {
      const answered = new Set(
        (await deps.store.listPersonRows(groupKey, 'rsvps', meeting.number)).map((r) => r.userId),
      );
      mention = group.members.filter((m) => !answered.has(m.userId));
      if (mention.length === 0) continue;
    }
    claimed.push({ kind, group, meeting, mention });
  }
  return claimed;
}

/** Who has not answered the running meeting yet (for `påmind`); coordinators only. */
export function unansweredInRunningMeeting(
  deps: AppDeps,
  actor: Actor,
): Promise<Outcome<{ group: Group; meeting: Meeting; missing: Person[] }>> {
  return useCase(deps, actor, inGroup('coordinator'), (snapshot) => {
    const meeting = meetingsOf(snapshot).find((m) => m.status === 'running');
    if (!meeting) return refuse('noRunningMeeting');
    const answered = new Set(answeredIn(snapshot, meeting.number).map((a) => a.userId));
    const group = snapshot.group.value;
    return ok({ group, meeting, missing: group.members.filter((m) => !answered.has(m.userId)) });
  });
}
