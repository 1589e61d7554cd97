import type { MeetingView } from '../../app/meeting';
import type { PostingStep } from '../../app/posting';
import { groupCard } from '../../cards/group-card';
import { answerFormCard, answerPromptCard, meetingStatusCard } from '../../cards/meeting-cards';
import { conclusionCard, revealCards, votingCard } from '../../cards/result-cards';
import { ellipsis } from '../../cards/fit';
import type { RenderedCard } from '../../cards/render';
import { t } from '../../i18n';
import { cardReply, doneReply, messageReply, refusalReply, type Reply } from '../reply';
import { ConversationGoneError } from '../outbox/connector-errors';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

/** The shared status card of a meeting view, with names of who answered or prioritised. */
export function statusCardOf(view: MeetingView): RenderedCard {
  return meetingStatusCard(view.group.language, view.group, view.meeting, view.status);
}

/**
 * Refreshes a meeting's status card for everyone from the current state (coalesced); with `since`
 * (the outbox's mark before the turn read `view`), from `view` when it holds every change.
 */
async function refreshStatus(turn: Turn, view: MeetingView, since?: number): Promise<void> {
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

/** Starts meeting n: posts the shared status card and the answer card. */
export async function start(turn: Turn, rawMeeting: unknown): Promise<Reply> {
  const outcome = await turn.deps.app.startMeeting(turn.actor, rawMeeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  const lang = view.group.language;
  const n = view.meeting.number;
  const statusId = await turn.deps.outbox.postCard(turn.context, statusCardOf(view));
  if (statusId) await turn.deps.app.recordMeetingCard(turn.actor, n, 'statusCardId', statusId);
  await turn.deps.outbox.postCard(turn.context, answerPromptCard(lang, n));
  return doneReply(t(lang, 'meeting.started', { n }));
}

/** Opens the clicker's answer form for a meeting. */
export const openForm: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.answerForm(turn.actor, data.meeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group, meeting, mine } = outcome.value;
  return cardReply(answerFormCard(group.language, meeting.number, { values: mine?.fields }));
};

/** Saves the clicker's answers to a meeting. */
export const submit: ActionHandler = async (turn, data) => {
  const since = turn.deps.outbox.mark();
  const outcome = await turn.deps.app.submitAnswer(turn.actor, data);
  if (!outcome.ok) {
    const { values, errors, detail } = outcome;
    if (!values || !detail) return refusalReply(turn, outcome);
    return cardReply(answerFormCard(await turn.language(), Number(detail.n), { values, errors }));
  }
  const view = outcome.value;
  await refreshStatus(turn, view, since);
  const lang = view.group.language;
  return cardReply(
    answerFormCard(lang, view.meeting.number, { values: view.mine.fields, notice: t(lang, 'answer.saved') }),
  );
};

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

/** Teams accepted a step's cards: the step is done; the status card shows it to everyone and to the clicker. */
async function stepDone(
  turn: Turn,
  view: MeetingView,
  name: PostingStep,
  cards: { conclusionCardId?: string } = {},
): Promise<Reply> {
  const posted = await turn.deps.app.markPosted(turn.actor, view.meeting.number, name, cards);
  const shown = posted.ok ? { ...view, meeting: posted.value } : view;
  await refreshStatus(turn, shown);
  return cardReply(statusCardOf(shown));
}

/** A coordinator's step that posts cards: change the meeting, post what it brings, refresh the status card. */
function postingStep(
  name: PostingStep,
  step: 'reveal' | 'startVoting',
  cards: (view: MeetingView) => RenderedCard[],
): ActionHandler {
  return async (turn, data) => {
    const outcome = await turn.deps.app[step](turn.actor, data.meeting);
    if (!outcome.ok) return refusalReply(turn, outcome);
    const view = outcome.value;
    if (!(await postStep(turn, view, name, cards(view))))
      return messageReply(t(view.group.language, 'meeting.notPosted'));
    return stepDone(turn, view, name);
  };
}

/** Posts the answers of a meeting. */
export const doReveal = postingStep('reveal', 'reveal', (v) =>
  revealCards(v.group.language, v.group, v.meeting.number, v.items),
);
/** Posts the voting card of a meeting. */
export const doStartVoting = postingStep('startVoting', 'startVoting', (v) => [
  votingCard(v.group.language, v.group, v.meeting.number, v.items),
]);

/** Records the clicker's priorities. */
export const doVote: ActionHandler = async (turn, data) => {
  const since = turn.deps.outbox.mark();
  const outcome = await turn.deps.app.vote(turn.actor, data);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  await refreshStatus(turn, view, since);
  const lang = view.group.language;
  const notice = t(lang, 'voting.saved', {
    choices: view.chosen.map((i) => `»${ellipsis(i.text, 80)}«`).join(', ') || '–',
  });
  const mine = view.chosen.map((i) => i.id);
  return cardReply(votingCard(lang, view.group, view.meeting.number, view.items, mine, notice));
};

/** Closes a meeting with its agreements and posts the conclusion. */
export const doClose: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.closeMeeting(turn.actor, data);
  if (!outcome.ok) {
    return refusalReply(turn, outcome);
  }
  const view = outcome.value;
  if (view.repeated) return cardReply(statusCardOf(view));
  const card = conclusionCard(view.group.language, view.meeting, view.proposals);
  const ids = await postStep(turn, view, 'close', [card]);
  if (!ids) return messageReply(t(view.group.language, 'meeting.notPosted'));
  return stepDone(turn, view, 'close', ids[0] ? { conclusionCardId: ids[0] } : {});
};

/** Universal Actions refresh: the current status card of a meeting, or the group card. */
export const refreshView: ActionHandler = async (turn, data) => {
  const shown = await turn.deps.app.refreshView(turn.actor, data.meeting);
  if (shown.kind === 'meeting') return cardReply(statusCardOf(shown.view));
  return cardReply(groupCard(shown.language, shown.group));
};
