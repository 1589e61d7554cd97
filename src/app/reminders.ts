import { dueReminder, zonedInstant, type ReminderKind } from '../domain/reminders';
import { meetingsOf } from '../domain/snapshot';
import { statusFacts } from '../domain/status';
import type { Group, Meeting } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { ok, refuse, type Outcome } from './result';
import { inGroup, useCase } from './use-case';

/** A reminder this instance has claimed and must now post. */
export interface ClaimedReminder {
  kind: ReminderKind;
  group: Group;
  meeting: Meeting;
}

/**
 * Finds the reminders due now for every invited meeting and claims each in storage before it is
 * sent, so with several instances (or a restart mid-way) each goes out once. Groups whose chat is
 * gone, and RSVP reminders where everyone has answered, are claimed but give nothing to send. No
 * reminder names anyone: the RSVP reminder speaks to whoever has not answered the invitation.
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
    if (kind === 'rsvp48') {
      const answered = new Set(
        (await deps.store.listPersonRows(groupKey, 'rsvps', meeting.number)).map((r) => r.userId),
      );
      if (group.members.every((m) => answered.has(m.userId))) continue;
    }
    claimed.push({ kind, group, meeting });
  }
  return claimed;
}

/**
 * How far the running meeting's writing round is (for `påmind`; coordinators only): how many members
 * shared their answers, of those expected to (who said they cannot come is not expected). No names.
 */
export function unansweredInRunningMeeting(
  deps: AppDeps,
  actor: Actor,
): Promise<Outcome<{ group: Group; meeting: Meeting; shared: number; expected: number }>> {
  return useCase(deps, actor, inGroup('coordinator'), (snapshot) => {
    const meeting = meetingsOf(snapshot).find((m) => m.status === 'running');
    if (!meeting) return refuse('noRunningMeeting');
    const group = snapshot.group.value;
    const facts = statusFacts(snapshot, group, meeting.number);
    return ok({ group, meeting, shared: facts.answered.length, expected: facts.expectedAnswers });
  });
}
