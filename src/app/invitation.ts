import { draftValues, parseInvitation, type InvitationValues } from '../domain/invitation-input';
import { todayIn } from '../domain/schedule';
import { isOlder } from '../domain/clicks';
import { hasStarted } from '../domain/meeting';
import { readMeetingNumber } from '../domain/themes';
import { RSVP_RESPONSES, type Group, type Meeting, type Rsvp, type RsvpResponse } from '../domain/types';
import { withPersonRow, type GroupSnapshot } from '../store/group-store';
import { meetingOf, rowsOf, storedMeeting } from '../domain/snapshot';
import type { Actor, AppDeps } from './context';
import { current } from './meeting';
import { commitOrSave, type Posts } from './outbox';
import { invalidForm, ok, refuse, type Outcome } from './result';
import { changeMeeting, inGroup, onMeeting, useCase, type Input } from './use-case';
import { declareVerbs } from './verb';

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
  values: InvitationValues;
}

/** An RSVP given, with the invitation it was given to. */
/** An RSVP's view: `newer` when a newer click of the person's is stored (that response, nothing changed). */
type Answered = InvitationView & { response: RsvpResponse; newer?: boolean };

/** A meeting's invitation with the answers given to it, from the group's partition. */
export function invitationView(snapshot: GroupSnapshot, meeting: Meeting): InvitationView {
  const rsvps = rowsOf(snapshot.rsvps, meeting.number);
  return { group: snapshot.group.value, meeting, rsvps };
}

/**
 * The invitation editor's values for meeting n (coordinator only): the saved ones, or about four
 * weeks after meeting n−1 with its times and place, or sensible defaults.
 */
export function openInvitation(deps: AppDeps, actor: Actor, input: Input): Promise<Outcome<InvitationDraft>> {
  return useCase(deps, actor, onMeeting(input.meeting, 'coordinator'), ({ snapshot, n, meeting }) => {
    if (hasStarted(meeting?.value)) return refuse('meetingLocked', { n });
    const today = todayIn(deps.timeZone, deps.now());
    const values = draftValues(meeting?.value, today, meetingOf(snapshot, n - 1));
    return ok({ group: snapshot.group.value, meeting: n, values });
  });
}

/**
 * Saves meeting n's invitation (coordinator only; RSVPs already given are kept). With `posts`, its
 * first card goes out through the outbox with the save; a save before it is out joins it.
 */
export function saveInvitation(
  deps: AppDeps,
  actor: Actor,
  data: Input,
  posts?: Posts<InvitationView>,
): Promise<Outcome<InvitationView>> {
  return useCase(
    deps,
    actor,
    onMeeting(data.meeting, 'coordinator'),
    async ({ snapshot, n, meeting: saved }) => {
      const input = parseInvitation(data, todayIn(deps.timeZone, deps.now()));
      if (!input.ok) return invalidForm(input.errors);
      if (hasStarted(saved?.value)) return refuse('meetingLocked', { n });
      const meeting: Meeting = {
        number: n,
        status: 'invited',
        ...input.value,
        invitationCardId: saved?.value.invitationCardId,
        updatedAt: deps.now().toISOString(),
      };
      const shown = invitationView(snapshot, meeting);
      const writes = { meeting: { value: meeting, etag: saved?.etag } };
      const first = meeting.invitationCardId === undefined ? posts : undefined;
      const step = { id: `m${n}.invite`, meeting: n, finish: {}, repeatable: true };
      await commitOrSave(deps, actor, snapshot.group.value, step, writes, first, shown, () =>
        deps.store.saveMeeting(actor.groupKey, meeting, saved?.etag),
      );
      return ok(shown);
    },
  );
}

/** Records a member's answer to an invitation; non-members are refused and not counted. */
export function rsvp(deps: AppDeps, actor: Actor, data: Input): Promise<Outcome<Answered>> {
  return useCase(deps, actor, inGroup('member'), async (snapshot) => {
    const n = readMeetingNumber(data.meeting);
    const response = data.response;
    if (
      n === undefined ||
      typeof response !== 'string' ||
      !(RSVP_RESPONSES as readonly string[]).includes(response)
    ) {
      return refuse('invalidInput');
    }
    const member = snapshot.group.value.members.find((m) => m.userId === actor.userId);
    if (!member) return refuse('notMember');
    const meeting = storedMeeting(snapshot, n);
    if (!meeting) return refuse('noInvitation', { n });
    const stored = rowsOf(snapshot.rsvps, n).find((r) => r.userId === actor.userId);
    if (stored && isOlder(actor.clickedAt, stored.actedAt))
      return ok({ ...invitationView(snapshot, meeting.value), response: stored.response, newer: true });
    const answer: Rsvp = {
      meeting: n,
      userId: actor.userId,
      name: member.name,
      response: response as RsvpResponse,
      at: deps.now().toISOString(),
      ...(actor.clickedAt ? { actedAt: actor.clickedAt } : {}),
    };
    await deps.store.writePersonRow(snapshot, 'rsvps', answer);
    const rsvps = withPersonRow(snapshot.rsvps, 'rsvps', answer);
    return ok({ ...invitationView({ ...snapshot, rsvps }, meeting.value), response: answer.response });
  });
}

/** A meeting's invitation as it is stored now (one partition query), for refreshing its card. */
export function currentInvitation(
  deps: AppDeps,
  actor: Actor,
  n: number,
): Promise<InvitationView | undefined> {
  return current(deps, actor, n, invitationView);
}

/** Remembers the activity id of a meeting's invitation card, so updates replace it in place. */
export function recordInvitationCard(
  deps: AppDeps,
  actor: Actor,
  n: number,
  activityId: string,
): Promise<Outcome<Meeting>> {
  return changeMeeting(deps, actor, n, (m) => ({ ...m, invitationCardId: activityId }), 'noInvitation');
}

/** The card verbs of inviting to a meeting. */
export const invitationVerbs = declareVerbs({
  openInvitation: { who: 'coordinator', repeatable: true, run: openInvitation },
  saveInvitation: { who: 'coordinator', refreshes: 'invitation', repeatable: false, run: saveInvitation },
  rsvp: { who: 'member', refreshes: 'invitation', repeatable: true, run: rsvp },
});
