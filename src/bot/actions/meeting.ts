import type { MeetingView } from '../../app/meeting';
import type { PostingStep } from '../../app/posting';
import { ellipsis } from '../../cards/fit';
import { agreementsFormCard, answerFormCard, answerPromptCard } from '../../cards/meeting-cards';
import type { RenderedCard } from '../../cards/render';
import { conclusionCard, revealCards, votingCard, votingPromptCard } from '../../cards/result-cards';
import { t } from '../../i18n';
import { act, perform, type Handler } from '../act';
import { ConversationGoneError } from '../outbox/connector-errors';
import { cardReply, doneReply, messageReply } from '../reply';
import { personalCard, refreshStatus, statusCardOf, viewerIn } from '../shared-cards';
import type { Turn } from '../turn';

/** Starts meeting n: posts the shared status card and the answer card (also `start N`). */
export const startMeeting = act('startMeeting', async (turn, view) => {
  const lang = view.group.language;
  const n = view.meeting.number;
  const statusId = await turn.deps.outbox.postCard(turn.context, statusCardOf(view));
  if (statusId) await turn.deps.app.recordMeetingCard(turn.actor, n, 'statusCardId', statusId);
  const promptId = await turn.deps.outbox.postCard(turn.context, answerPromptCard(lang, n));
  await turn.deps.app.recordPostedCards(turn.actor, n, [promptId]);
  return doneReply(t(lang, 'meeting.started', { n }));
});

/** Opens the clicker's answer form for a meeting. */
export const openAnswerForm = act('openAnswerForm', (_turn, { group, meeting, mine }) =>
  cardReply(answerFormCard(group.language, meeting.number, { values: mine?.fields })),
);

/** Saves the clicker's answers to a meeting; with problems, the form again with them marked. */
export const submitAnswer = act(
  'submitAnswer',
  (_turn, view) => {
    const lang = view.group.language;
    const notice = t(lang, 'answer.saved');
    return cardReply(answerFormCard(lang, view.meeting.number, { values: view.mine.fields, notice }));
  },
  async (turn, refused) => {
    const { values, errors, detail } = refused;
    if (!values || !detail) return undefined;
    return cardReply(answerFormCard(await turn.language(), Number(detail.n), { values, errors }));
  },
);

/**
 * Posts a step's cards in order; the activity ids, or undefined when Teams did not accept one
 * (e.g. 413): then the step is marked so the coordinator can post it again.
 */
async function postStep(
  turn: Turn,
  view: MeetingView,
  name: PostingStep,
  cards: RenderedCard[],
): Promise<string[] | undefined> {
  const ids: string[] = [];
  try {
    for (const card of cards) ids.push(await turn.deps.outbox.postCard(turn.context, card));
    return ids;
  } catch (err) {
    if (err instanceof ConversationGoneError) throw err;
    turn.deps.log.warn('card.post.failed', {
      step: name,
      error: err instanceof Error ? err.message : String(err),
    });
    await turn.deps.app.markUnposted(turn.actor, view.meeting.number, name);
    await refreshStatus(turn, view);
    return undefined;
  }
}

/**
 * "The coordinator acts, cards are posted": the step's cards go out in order; once Teams has
 * accepted them the step is done and the status card shows it to everyone and to the clicker.
 */
function coordinatorPosts(
  verb: 'reveal' | 'startVoting' | 'closeMeeting',
  name: PostingStep,
  cards: (view: MeetingView) => RenderedCard[],
): Handler {
  return async (turn, input) => {
    const performed = await perform(verb, turn, input);
    if ('reply' in performed) return performed.reply;
    const { view } = performed;
    if (view.repeated) return cardReply(statusCardOf(view, viewerIn(turn, view.group)));
    const ids = await postStep(turn, view, name, cards(view));
    if (!ids) return messageReply(t(view.group.language, 'meeting.notPosted'));
    const conclusionCardId = name === 'close' ? ids[0] : undefined;
    const done = conclusionCardId ? { conclusionCardId } : { shown: ids };
    const posted = await turn.deps.app.markPosted(turn.actor, view.meeting.number, name, done);
    const shown = posted.ok ? { ...view, meeting: posted.value } : view;
    await refreshStatus(turn, shown);
    return cardReply(statusCardOf(shown, viewerIn(turn, shown.group)));
  };
}

/** Posts the answers of a meeting. */
export const reveal = coordinatorPosts('reveal', 'reveal', (v) =>
  revealCards(v.group.language, v.group, v.meeting.number, v.items),
);

/** Posts the choosing card of a meeting: its button returns each member's own choosing form. */
export const startVoting = coordinatorPosts('startVoting', 'startVoting', (v) => [
  votingPromptCard(v.group.language, v.meeting.number),
]);

/** The coordinator's form that closes a meeting, for them alone. */
export const openAgreements = act('openAgreements', (_turn, { group, meeting }) =>
  cardReply(agreementsFormCard(group.language, meeting.number)),
);

/** Closes a meeting with its agreements and posts the conclusion. */
export const closeMeeting = coordinatorPosts('closeMeeting', 'close', (v) => [
  conclusionCard(v.group.language, v.group, v.meeting, v.proposals),
]);

/** The clicker's own choosing form, with what they chose so far. */
export const openVoting = act('openVoting', (_turn, view) =>
  cardReply(votingCard(view.group.language, view.group, view.meeting.number, view.items, view.mine)),
);

/** Records the clicker's priorities. */
export const vote = act('vote', (_turn, view) => {
  const lang = view.group.language;
  const notice = t(lang, 'voting.saved', {
    choices: view.chosen.map((i) => `»${ellipsis(i.text, 80)}«`).join(', ') || '–',
  });
  const mine = view.chosen.map((i) => i.id);
  return cardReply(votingCard(lang, view.group, view.meeting.number, view.items, mine, notice));
});

/**
 * Universal Actions refresh (also the base card's "Vis mine muligheder"): the shared card as the
 * person who asks sees it.
 */
export const refresh = act('refresh', async (turn, shown) => cardReply(await personalCard(turn, shown)));
