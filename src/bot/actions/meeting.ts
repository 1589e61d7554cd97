import type { MeetingView } from '../../app/meeting';
import type { PostingStep } from '../../app/posting';
import { ellipsis } from '../../cards/fit';
import { groupCard } from '../../cards/group-card';
import { answerFormCard, answerPromptCard, perMeeting } from '../../cards/meeting-cards';
import type { RenderedCard } from '../../cards/render';
import { chosenCard, conclusionCard, revealCards, votingCard } from '../../cards/result-cards';
import { t } from '../../i18n';
import { act, perform, type Handler } from '../act';
import { ConversationGoneError } from '../outbox/connector-errors';
import { cardReply, doneReply, messageReply } from '../reply';
import { refreshStatus, statusCardOf } from '../shared-cards';
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
    const n = view.meeting.number;
    const notice = perMeeting(lang, 'answer.saved', n);
    return cardReply(answerFormCard(lang, n, { values: view.mine.fields, notice }));
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
  verb: 'reveal' | 'startVoting' | 'endVoting' | 'closeMeeting',
  name: PostingStep,
  cards: (view: MeetingView) => RenderedCard[],
): Handler {
  return async (turn, input) => {
    const performed = await perform(verb, turn, input);
    if ('reply' in performed) return performed.reply;
    const { view } = performed;
    if (view.repeated) return cardReply(statusCardOf(view));
    const ids = await postStep(turn, view, name, cards(view));
    if (!ids) return messageReply(t(view.group.language, 'meeting.notPosted'));
    const conclusionCardId = name === 'close' ? ids[0] : undefined;
    const done = conclusionCardId ? { conclusionCardId } : { shown: ids };
    const posted = await turn.deps.app.markPosted(turn.actor, view.meeting.number, name, done);
    const shown = posted.ok ? { ...view, meeting: posted.value } : view;
    await refreshStatus(turn, shown);
    return cardReply(statusCardOf(shown));
  };
}

/** Posts the answers of a meeting. */
export const reveal = coordinatorPosts('reveal', 'reveal', (v) =>
  revealCards(v.group.language, v.group, v.meeting.number, v.items),
);

/** Posts the choosing card of a meeting. */
export const startVoting = coordinatorPosts('startVoting', 'startVoting', (v) => [
  votingCard(v.group.language, v.group, v.meeting.number, v.items),
]);

/** Ends choosing and posts what the group chose, before the agreements. */
export const endVoting = coordinatorPosts('endVoting', 'endVoting', (v) => [
  chosenCard(v.group.language, v.meeting.number, v.chosen),
]);

/** Closes a meeting (with its agreements, if any) and posts the conclusion. */
export const closeMeeting = coordinatorPosts('closeMeeting', 'close', (v) => [
  conclusionCard(v.group.language, v.meeting, v.proposals),
]);

/** Records what the clicker chose. */
export const vote = act('vote', (_turn, view) => {
  const lang = view.group.language;
  const notice = t(lang, 'voting.saved', {
    choices: view.mine.map((i) => t(lang, 'quote', { text: ellipsis(i.text, 80) })).join(', ') || '–',
  });
  const mine = view.mine.map((i) => i.id);
  return cardReply(votingCard(lang, view.group, view.meeting.number, view.items, mine, notice));
});

/** Universal Actions refresh: the current status card of a meeting, or the group card. */
export const refresh = act('refresh', (_turn, shown) =>
  cardReply(shown.kind === 'meeting' ? statusCardOf(shown.view) : groupCard(shown.language, shown.group)),
);
