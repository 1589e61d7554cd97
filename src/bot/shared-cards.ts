/**
 * The cards everyone in a chat sees and the bot updates in place: how each is shown after a turn
 * changed what it shows. A verb's declaration names the shared card it changes (app/verbs.ts).
 */
import { TurnContext } from 'botbuilder';
import type { SharedCard, SharedViews } from '../app/verbs';
import type { InvitationView } from '../app/invitation';
import type { MeetingView } from '../app/meeting-view';
import type { ProjectView } from '../app/project';
import { groupCard } from '../cards/group-card';
import { invitationCard, type InvitationLinks } from '../cards/invitation-cards';
import { meetingStatusCard } from '../cards/meeting-cards';
import { projectVoteCard } from '../cards/project-cards';
import type { RenderedCard } from '../cards/render';
import { conclusionCard } from '../cards/conclusion-card';
import type { RefreshView } from '../app/refresh';
import type { Group, Meeting } from '../domain/types';
import { coordinates, EVERYONE, viewerOf, type Viewer } from '../domain/viewer';
import type { Inlines } from '../cards/rich-text';
import type { Turn } from './turn';

/**
 * Shows the group's shared card to everyone: updates it in place when it exists; otherwise turns
 * `adopt` (the card that was clicked, e.g. the welcome card) into it, or posts a new one.
 */
export async function showGroupCard(turn: Turn, group: Group, adopt?: string): Promise<void> {
  const existing = group.groupCardId ?? adopt;
  // A card posted anew goes out from the tenant's lease holder, which records its id (shared-refresh).
  const reference = TurnContext.getConversationReference(turn.context.activity);
  const job = { kind: 'groupCard', groupKey: turn.actor.groupKey, reference } as const;
  if (!existing && (await turn.deps.outbox.handedOn(turn.actor.tenantId, job))) return;
  if (existing) {
    turn.deps.outbox.refreshCard(
      turn.context,
      existing,
      async () => {
        const current = await turn.deps.app.groupView(turn.actor);
        return current && groupCard(current.language, current);
      },
      (newId) => turn.deps.app.recordGroupCard(turn.actor, newId),
    );
  }
  const id = existing ?? (await turn.deps.outbox.postCard(turn.context, groupCard(group.language, group)));
  if (id && id !== group.groupCardId) await turn.deps.app.recordGroupCard(turn.actor, id);
}

/**
 * The invitation's "Opret Teams-møde" and "Gem i kalender" links, when the bot can make them,
 * with the members' sign-in names as the meeting's attendees when Teams gives the roster. In a turn
 * it may ask Teams; after the turn (`afterTurnIn`: the chat's id) only a recently read roster is used,
 * because the turn's context is gone by then.
 */
export async function linksOf(
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
export function withoutTeamsMeeting(links: InvitationLinks | undefined): InvitationLinks | undefined {
  return links && { ...links, teamsMeeting: '' };
}

/** Shows a meeting's invitation to everyone: in place when it was posted before, else as a new message. */
export async function showInvitation(turn: Turn, view: InvitationView): Promise<void> {
  const id = view.meeting.invitationCardId;
  const n = view.meeting.number;
  const render = async (shown: InvitationView, afterTurnIn?: string): Promise<RenderedCard> =>
    invitationCardOf(turn, shown, EVERYONE, afterTurnIn);
  if (id) {
    const chatId = turn.context.activity.conversation.id;
    turn.deps.outbox.refreshCard(
      turn.context,
      id,
      async () => {
        const current = await turn.deps.app.currentInvitation(turn.actor, n);
        return current && render(current, chatId);
      },
      (newId) => turn.deps.app.recordInvitationCard(turn.actor, n, newId),
    );
    return;
  }
  const posted = await turn.deps.outbox.postCard(turn.context, await render(view));
  if (posted) await turn.deps.app.recordInvitationCard(turn.actor, n, posted);
}

/**
 * An invitation as `viewer` sees it, with its calendar links (the coordinator's view also with
 * "Opret Teams-møde"); `afterTurnIn` (the chat's id): only a recently read roster is used.
 */
export async function invitationCardOf(
  turn: Turn,
  view: InvitationView,
  viewer: Viewer,
  afterTurnIn?: string,
): Promise<RenderedCard> {
  const links = await linksOf(turn, view.group, view.meeting, afterTurnIn);
  const shown = coordinates(viewer) ? links : withoutTeamsMeeting(links);
  return invitationCard(view.group.language, view.group, view.meeting, view.rsvps, viewer, shown);
}

/** A meeting's status card as `viewer` sees it (the base card: names of nobody, no coordinator buttons). */
export function statusCardOf(view: MeetingView, viewer: Viewer = EVERYONE): RenderedCard {
  return meetingStatusCard(view.group.language, view.group, view.meeting, view.status, viewer);
}

/**
 * Refreshes a meeting's status card for everyone from the current state (coalesced); with `since`
 * (the outbox's mark before the turn read `view`), from `view` when it holds every change.
 */
export async function refreshStatus(turn: Turn, view: MeetingView, since?: number): Promise<void> {
  const { statusCardId, number: n } = view.meeting;
  if (!statusCardId) return;
  const { app } = turn.deps;
  const current = async (): Promise<RenderedCard | undefined> => {
    const shown = await app.currentMeeting(turn.actor, n);
    return shown && statusCardOf(shown);
  };
  const known = since === undefined ? undefined : { since, render: () => statusCardOf(view) };
  turn.deps.outbox.refreshCard(
    turn.context,
    statusCardId,
    current,
    (newId) => app.recordMeetingCard(turn.actor, n, 'statusCardId', newId),
    known,
  );
}

/** Meeting 4's conclusion card, which gathers the project proposals, as `viewer` sees it. */
export function conclusionOf(
  view: ProjectView,
  viewer: Viewer = EVERYONE,
  notice: Inlines = [],
): RenderedCard | undefined {
  const meeting = view.lastMeeting;
  const { group, proposals, fromMeetings } = view;
  return (
    meeting && conclusionCard(group.language, group, meeting, { proposals, fromMeetings }, viewer, notice)
  );
}

/** The project vote card as `viewer` sees it. */
export function voteCardOf(view: ProjectView, viewer: Viewer = EVERYONE, notice: Inlines = []): RenderedCard {
  const { group, proposals, projectVotes, fromMeetings } = view;
  return projectVoteCard(group.language, group, proposals, projectVotes, viewer, notice, fromMeetings);
}

/** The clicker's own view of a group's card. */
export function viewerIn(turn: Turn, group: Group): Viewer {
  return viewerOf(group, turn.actor.userId);
}

/** A shared card as the person refreshing it sees it (the answer to Teams' automatic refresh). */
export async function personalCard(turn: Turn, shown: RefreshView): Promise<RenderedCard> {
  switch (shown.card) {
    case 'groupCard':
      return groupCard(shown.group.language, shown.group, viewerIn(turn, shown.group));
    case 'invitation':
      return invitationCardOf(
        turn,
        shown.view,
        viewerIn(turn, shown.view.group),
        turn.context.activity.conversation.id,
      );
    case 'meetingStatus':
      return statusCardOf(shown.view, viewerIn(turn, shown.view.group));
    case 'conclusion': {
      const { group, meeting, proposals, fromMeetings } = shown.view;
      return conclusionCard(
        group.language,
        group,
        meeting,
        { proposals, fromMeetings },
        viewerIn(turn, group),
      );
    }
    case 'projectVote':
      return voteCardOf(shown.view, viewerIn(turn, shown.view.group));
  }
}

/** Refreshes a project card for everyone from the group's current state (coalesced). */
function refreshProjectCard(
  turn: Turn,
  id: string | undefined,
  render: (view: ProjectView) => RenderedCard | undefined,
  onReposted: (newId: string) => Promise<unknown>,
): void {
  if (!id) return;
  const current = async (): Promise<RenderedCard | undefined> => {
    const view = await turn.deps.app.projectView(turn.actor);
    return view && render(view);
  };
  turn.deps.outbox.refreshCard(turn.context, id, current, onReposted);
}

/** Refreshes the project vote card, once it is posted. */
export function refreshVoteCard(turn: Turn, view: ProjectView): void {
  const record = (newId: string): Promise<unknown> => turn.deps.app.recordProjectVoteCard(turn.actor, newId);
  refreshProjectCard(turn, view.group.projectVote?.cardId, (v) => voteCardOf(v), record);
}

/**
 * How each shared card is shown again after a turn changed it; `since` is the outbox's mark taken
 * before the turn read its view (the status card may then be sent from that view).
 */
export const SHARED_CARDS: {
  [C in SharedCard]: (turn: Turn, view: SharedViews[C], since?: number) => Promise<void>;
} = {
  groupCard: (turn, view) =>
    showGroupCard(turn, view.group, view.created ? turn.context.activity.replyToId : undefined),
  invitation: (turn, view) => showInvitation(turn, view),
  meetingStatus: (turn, view, since) => refreshStatus(turn, view, since),
  conclusion: async (turn, view) =>
    refreshProjectCard(
      turn,
      view.lastMeeting?.conclusionCardId,
      (v) => conclusionOf(v),
      (newId) => turn.deps.app.recordMeetingCard(turn.actor, 4, 'conclusionCardId', newId),
    ),
  projectVote: async (turn, view) => refreshVoteCard(turn, view),
};
