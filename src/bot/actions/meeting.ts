import type { MeetingView } from '../../app/meeting-view';
import { ellipsis } from '../../cards/fit';
import { answerFormCard } from '../../cards/answer-form-card';
import {
  agreementsFormCard,
  answerPromptCard,
  perMeeting,
  votingPromptCard,
} from '../../cards/meeting-cards';
import type { OutgoingCard } from '../../domain/outbox';
import { conclusionCard } from '../../cards/conclusion-card';
import { revealCards } from '../../cards/reveal-cards';
import { votingCard } from '../../cards/voting-card';
import { chosenCard } from '../../cards/chosen-cards';
import { t } from '../../i18n';
import { act, perform, type Handler } from '../act';
import { outgoing } from '../outbox/dispatcher';
import { cardReply, doneReply } from '../reply';
import { personalCard, statusCardOf, viewerIn } from '../shared-cards';

/**
 * Starts meeting n (also `start N`): the shared status card and the answer card are committed with
 * the start and posted after the turn, which answers at once.
 */
export const startMeeting = act(
  'startMeeting',
  (_turn, view) => doneReply(t(view.group.language, 'meeting.started', { n: view.meeting.number })),
  undefined,
  () => (view) => [
    outgoing('statusCard', statusCardOf(view)),
    outgoing('shown', answerPromptCard(view.group.language, view.meeting.number)),
  ],
);

/** Opens the clicker's answer form for a meeting. */
export const openAnswerForm = act('openAnswerForm', (_turn, { group, meeting, mine }) => {
  // An answer the coordinator typed in for the member: theirs to check and save as their own.
  const notice = mine?.enteredBy ? t(group.language, 'answer.enteredForYou') : undefined;
  return cardReply(answerFormCard(group.language, meeting.number, { values: mine?.fields, notice }));
});

/** Saves the clicker's answers to a meeting; with problems, the form again with them marked. */
export const submitAnswer = act(
  'submitAnswer',
  (_turn, view) => {
    const lang = view.group.language;
    // A late copy of an older click: the newer answer stands, and is shown.
    const n = view.meeting.number;
    const notice = view.newer ? t(lang, 'answer.newer') : perMeeting(lang, 'answer.saved', n);
    return cardReply(answerFormCard(lang, n, { values: view.mine.fields, notice }));
  },
  async (turn, refused) => {
    const { values, errors, detail } = refused;
    if (!values || !detail) return undefined;
    return cardReply(answerFormCard(await turn.language(), Number(detail.n), { values, errors }));
  },
);

/**
 * "The coordinator acts, cards are posted": the step and its cards commit together, the clicker
 * sees the status card with the step under way at once, and the outbox posts the cards after the
 * turn; then everyone's status card shows the step done, or offered again if Teams refused them.
 */
function coordinatorPosts(
  verb: 'reveal' | 'startVoting' | 'endVoting' | 'closeMeeting',
  cards: (view: MeetingView) => OutgoingCard[],
): Handler {
  return async (turn, input) => {
    const performed = await perform(verb, turn, input, undefined, cards);
    if ('reply' in performed) return performed.reply;
    return cardReply(statusCardOf(performed.view, viewerIn(turn, performed.view.group)));
  };
}

/** Posts the answers of a meeting. */
export const reveal = coordinatorPosts('reveal', (v) =>
  revealCards(v.group.language, v.group, v.meeting.number, v.items).map((c) => outgoing('shown', c)),
);

/** Posts the choosing card of a meeting: its button returns each member's own choosing form. */
export const startVoting = coordinatorPosts('startVoting', (v) => [
  outgoing('shown', votingPromptCard(v.group.language, v.meeting.number)),
]);

/** Ends choosing and posts what the group chose, before the agreements. */
export const endVoting = coordinatorPosts('endVoting', (v) => [
  outgoing('shown', chosenCard(v.group.language, v.meeting.number, v.chosen)),
]);

/** The coordinator's form that closes a meeting (agreements optional), for them alone. */
export const openAgreements = act('openAgreements', (_turn, { group, meeting }) =>
  cardReply(agreementsFormCard(group.language, meeting.number)),
);

/** Closes a meeting (with its agreements, if any) and posts the conclusion (no proposal exists before meeting 4 closes). */
export const closeMeeting = coordinatorPosts('closeMeeting', (v) => [
  outgoing('conclusionCard', conclusionCard(v.group.language, v.group, v.meeting)),
]);

/** The clicker's own choosing form, with what they chose so far. */
export const openVoting = act('openVoting', (_turn, view) =>
  cardReply(votingCard(view.group.language, view.group, view.meeting.number, view.items, view.mine)),
);

/** Records what the clicker chose. */
export const vote = act('vote', (_turn, view) => {
  const lang = view.group.language;
  const notice = t(lang, view.newer ? 'voting.newer' : 'voting.saved', {
    choices: view.mine.map((i) => t(lang, 'quote', { text: ellipsis(i.text, 80) })).join(', ') || '–',
  });
  const mine = view.mine.map((i) => i.id);
  return cardReply(votingCard(lang, view.group, view.meeting.number, view.items, mine, notice));
});

/**
 * Universal Actions refresh (also the base card's "Vis mine muligheder"): the shared card as the
 * person who asks sees it.
 */
export const refresh = act('refresh', async (turn, shown) => cardReply(await personalCard(turn, shown)));
