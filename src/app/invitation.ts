import { parseInvitation, type InvitationInput } from '../domain/invitation-input';
import { addDays, addHours, DEFAULT_MEETING_HOURS, todayIn } from '../domain/schedule';
import { readMeetingNumber } from '../domain/themes';
import { RSVP_RESPONSES, type Group, type Meeting, type Rsvp, type RsvpResponse } from '../domain/types';
import type { Versioned } from '../store/group-store';
import type { Actor, AppDeps } from './context';
import { requireCoordinator, requireGroup } from './group';
import { invalidForm, ok, refuse, transact, type Outcome } from './result';

/** A meeting with everything its invitation card shows. */
export interface InvitationView {
  group: Group;
  meeting: Meeting;
  rsvps: Rsvp[];
}

/** What the invitation editor is pre-filled with; `text` is undefined when the template should be used. */
export interface InvitationDraft {
  group: Group;
  meeting: number;
  values: Omit<InvitationInput, 'text'> & { text?: string };
}

/** Default start of a new meeting. */
export const DEFAULT_START = '13:00';

const LOCKED: readonly Meeting['status'][] = ['running', 'revealed', 'voting', 'closed'];

/** The invitation editor's values for meeting n (coordinator only): the saved ones, or sensible defaults. */
export function invitationDraft(
  deps: AppDeps,
  actor: Actor,
  rawMeeting: unknown,
): Promise<Outcome<InvitationDraft>> {
  return transact(async () => {
    const found = await requireCoordinator(deps, actor);
    if (!found.ok) return found;
    const n = readMeetingNumber(rawMeeting);
    if (n === undefined) return refuse('meetingNumber');
    const saved = await deps.store.loadMeeting(actor.groupKey, n);
    if (saved && LOCKED.includes(saved.value.status)) return refuse('meetingLocked', { n });
    const m = saved?.value;
    const date = m?.date ?? addDays(todayIn(deps.timeZone, deps.now()), 14);
    const start = m?.start ?? DEFAULT_START;
    const values = {
      date,
      start,
      end: m?.end ?? addHours(start, DEFAULT_MEETING_HOURS),
      location: m?.location ?? '',
      text: m?.text,
    };
    return ok({ group: found.value.value, meeting: n, values });
  });
}

/** Posts or updates meeting n's invitation (coordinator only). RSVPs already given are kept. */
export function saveInvitation(
  deps: AppDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<InvitationView>> {
  return transact(async () => {
    const found = await requireCoordinator(deps, actor);
    if (!found.ok) return found;
    const n = readMeetingNumber(data.meeting);
    if (n === undefined) return refuse('meetingNumber');
    const input = parseInvitation(data, todayIn(deps.timeZone, deps.now()));
    if (!input.ok) return invalidForm(input.errors);
    const saved = await deps.store.loadMeeting(actor.groupKey, n);
    if (saved && LOCKED.includes(saved.value.status)) return refuse('meetingLocked', { n });
    const meeting: Meeting = {
      number: n,
      status: 'invited',
      ...input.value,
      invitationCardId: saved?.value.invitationCardId,
      updatedAt: deps.now().toISOString(),
    };
    await deps.store.saveMeeting(actor.groupKey, meeting, saved?.etag);
    const rsvps = saved ? await deps.store.listRsvps(actor.groupKey, n) : [];
    return ok({ group: found.value.value, meeting, rsvps });
  });
}

/** Remembers the activity id of a meeting's invitation card, so updates replace it in place. */
export function recordInvitationCard(
  deps: AppDeps,
  actor: Actor,
  n: number,
  activityId: string,
): Promise<Outcome<Meeting>> {
  return transact(async () => {
    const saved = await deps.store.loadMeeting(actor.groupKey, n);
    if (!saved) return refuse('noInvitation', { n });
    const meeting = { ...saved.value, invitationCardId: activityId };
    await deps.store.saveMeeting(actor.groupKey, meeting, saved.etag);
    return ok(meeting);
  });
}

/** Records a member's answer to an invitation; non-members are refused and not counted. */
export function rsvp(
  deps: AppDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<InvitationView & { response: RsvpResponse }>> {
  return transact(async () => {
    const found = await requireGroup(deps, actor);
    if (!found.ok) return found;
    const group = found.value.value;
    const n = readMeetingNumber(data.meeting);
    const response = data.response;
    if (
      n === undefined ||
      typeof response !== 'string' ||
      !(RSVP_RESPONSES as readonly string[]).includes(response)
    ) {
      return refuse('invalidInput');
    }
    const member = group.members.find((m) => m.userId === actor.userId);
    if (!member) return refuse('notMember');
    const meeting: Versioned<Meeting> | undefined = await deps.store.loadMeeting(actor.groupKey, n);
    if (!meeting) return refuse('noInvitation', { n });
    const answer: Rsvp = {
      meeting: n,
      userId: actor.userId,
      name: member.name,
      response: response as RsvpResponse,
      at: deps.now().toISOString(),
    };
    await deps.store.putRsvp(actor.groupKey, answer);
    const rsvps = await deps.store.listRsvps(actor.groupKey, n);
    return ok({ group, meeting: meeting.value, rsvps, response: answer.response });
  });
}

/** A meeting's invitation as it is stored now (one partition query), for refreshing its card. */
export async function currentInvitation(
  deps: AppDeps,
  actor: Actor,
  n: number,
): Promise<InvitationView | undefined> {
  const snapshot = await deps.store.loadPartition(actor.groupKey);
  const meeting = snapshot?.meetings.find((m) => m.value.number === n);
  if (!snapshot || !meeting) return undefined;
  return {
    group: snapshot.group.value,
    meeting: meeting.value,
    rsvps: snapshot.rsvps.filter((r) => r.meeting === n),
  };
}
