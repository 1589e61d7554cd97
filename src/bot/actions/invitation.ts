import type { InvitationView } from '../../app/invitation';
import {
  invitationCard,
  invitationEditorCard,
  invitationTemplateText,
  type InvitationLinks,
} from '../../cards/invitation-cards';
import { isCoordinator } from '../../domain/roles';
import type { Group, Meeting } from '../../domain/types';
import type { MeetingNumber } from '../../domain/themes';
import { t } from '../../i18n';
import { cardReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

/** The invitation editor for meeting `rawMeeting` (coordinator only). */
export async function openInvitationEditor(turn: Turn, rawMeeting: unknown): Promise<Reply> {
  const outcome = await turn.deps.app.invitationDraft(turn.actor, rawMeeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group, meeting, values } = outcome.value;
  const n = meeting as MeetingNumber;
  const text = values.text ?? invitationTemplateText(group.language, n, turn.actor.name);
  const today = turn.deps.app.today();
  return cardReply(invitationEditorCard(group.language, n, { ...values, text }, today));
}

/**
 * The invitation's "Opret Teams-møde" and "Gem i kalender" links, when the bot can make them,
 * with the members' sign-in names as the meeting's attendees when Teams gives the roster. In a turn
 * it may ask Teams; after the turn (`afterTurnIn`: the chat's id) only a recently read roster is used,
 * because the turn's context is gone by then.
 */
async function linksOf(
  turn: Turn,
  group: Group,
  meeting: Meeting,
  afterTurnIn?: string,
): Promise<InvitationLinks | undefined> {
  const { meetingLinks, roster } = turn.deps;
  if (!meetingLinks) return undefined;
  const names = afterTurnIn === undefined ? await roster?.load(turn.context) : roster?.cached(afterTurnIn);
  const attendees = group.members.flatMap((m) => names?.get(m.userId) ?? []);
  return meetingLinks(group, meeting, attendees);
}

/**
 * The shared card has no "Opret Teams-møde": whoever clicks it becomes the meeting's organizer,
 * so only the coordinator's own view offers it; the .ics link is for everyone.
 */
function withoutTeamsMeeting(links: InvitationLinks | undefined): InvitationLinks | undefined {
  return links && { ...links, teamsMeeting: '' };
}

/** Shows a meeting's invitation to everyone: in place when it was posted before, else as a new message. */
export async function showInvitation(turn: Turn, view: InvitationView): Promise<void> {
  const id = view.meeting.invitationCardId;
  if (id) {
    const chatId = turn.context.activity.conversation.id;
    const n = view.meeting.number;
    turn.deps.outbox.refreshCard(
      turn.context,
      id,
      async () => {
        const current = await turn.deps.app.currentInvitation(turn.actor, n);
        if (!current) return undefined;
        const links = withoutTeamsMeeting(await linksOf(turn, current.group, current.meeting, chatId));
        return invitationCard(
          current.group.language,
          current.group,
          current.meeting,
          current.rsvps,
          undefined,
          links,
        );
      },
      (newId) => turn.deps.app.recordInvitationCard(turn.actor, n, newId),
    );
    return;
  }
  const links = withoutTeamsMeeting(await linksOf(turn, view.group, view.meeting));
  const rendered = invitationCard(
    view.group.language,
    view.group,
    view.meeting,
    view.rsvps,
    undefined,
    links,
  );
  const posted = await turn.deps.outbox.postCard(turn.context, rendered);
  if (posted) await turn.deps.app.recordInvitationCard(turn.actor, view.meeting.number, posted);
}

function editorValues(data: Record<string, unknown>): {
  date: string;
  start: string;
  end: string;
  location: string;
  text: string;
} {
  const s = (k: string): string => (typeof data[k] === 'string' ? (data[k] as string) : '');
  return { date: s('date'), start: s('start'), end: s('end'), location: s('location'), text: s('text') };
}

/** Saves and posts (or updates) the invitation to a meeting. */
export const save: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.saveInvitation(turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal !== 'invalidForm') return refusalReply(turn, outcome);
    const lang = await turn.language();
    const today = turn.deps.app.today();
    const n = Number(data.meeting) as MeetingNumber;
    return cardReply(invitationEditorCard(lang, n, editorValues(data), today, outcome.errors));
  }
  const view = outcome.value;
  const wasPosted = view.meeting.invitationCardId !== undefined;
  await showInvitation(turn, view);
  const lang = view.group.language;
  const n = view.meeting.number;
  const notice = t(lang, wasPosted ? 'invite.updated' : 'invite.sent', { n });
  const today = turn.deps.app.today();
  const teamsMeeting = (await linksOf(turn, view.group, view.meeting))?.teamsMeeting ?? '';
  const values = editorValues(data);
  return cardReply(invitationEditorCard(lang, n as MeetingNumber, values, today, {}, notice, teamsMeeting));
};

/** Records the clicker's RSVP to an invitation. */
export const answer: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.rsvp(turn.actor, data);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  await showInvitation(turn, view);
  const all = await linksOf(turn, view.group, view.meeting);
  const links = isCoordinator(view.group, turn.actor.userId) ? all : withoutTeamsMeeting(all);
  return cardReply(
    invitationCard(view.group.language, view.group, view.meeting, view.rsvps, view.response, links),
  );
};
