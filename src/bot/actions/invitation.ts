import { invitationEditorCard, invitationTemplateText } from '../../cards/invitation-cards';
import type { MeetingNumber } from '../../domain/themes';
import { t } from '../../i18n';
import { act } from '../act';
import { cardReply, messageReply } from '../reply';
import { invitationCardOf, linksOf, viewerIn } from '../shared-cards';

/** The invitation editor for meeting `input.meeting` (coordinator only; also `inviter N`). */
export const openInvitation = act('openInvitation', (turn, { group, meeting, values }) => {
  const n = meeting as MeetingNumber;
  const text = values.text ?? invitationTemplateText(group.language, n, turn.actor.name);
  const today = turn.deps.app.today();
  return cardReply(invitationEditorCard(group.language, n, { ...values, text }, today));
});

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

/**
 * Saves the invitation to a meeting. Its first card is committed with the save and sent from the
 * outbox after the turn, rendered from what is stored then; a later save updates it in place.
 */
export const saveInvitation = act(
  'saveInvitation',
  async (turn, view, input) => {
    const lang = view.group.language;
    const n = view.meeting.number as MeetingNumber;
    const wasPosted = view.meeting.invitationCardId !== undefined;
    const notice = t(lang, wasPosted ? 'invite.updated' : 'invite.sent', { n });
    const teamsMeeting = (await linksOf(turn, view.group, view.meeting))?.teamsMeeting ?? '';
    const values = editorValues(input);
    return cardReply(invitationEditorCard(lang, n, values, turn.deps.app.today(), {}, notice, teamsMeeting));
  },
  async (turn, refused, input) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const n = Number(input.meeting) as MeetingNumber;
    const card = invitationEditorCard(
      await turn.language(),
      n,
      editorValues(input),
      turn.deps.app.today(),
      refused.errors,
    );
    return cardReply(card);
  },
  () => () => [{ role: 'invitationCard', shared: 'invitation' }],
);

/** Records the clicker's RSVP; they see their view of the invitation (their answer, with the coordinator's extras). */
export const rsvp = act('rsvp', async (turn, view) => {
  const lang = view.group.language;
  // A late copy of an older click: the newer response stands; the card is left as it is.
  if (view.newer) return messageReply(t(lang, 'rsvp.newer', { response: t(lang, `rsvp.${view.response}`) }));
  return cardReply(await invitationCardOf(turn, view, viewerIn(turn, view.group)));
});
