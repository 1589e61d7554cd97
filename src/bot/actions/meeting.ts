import {
  closeMeeting,
  currentMeeting,
  recordMeetingCard,
  reveal,
  startMeeting,
  startVoting,
  vote,
  type MeetingView,
} from '../../app/meeting';
import { markPosted, markUnposted, type PostingStep } from '../../app/posting';
import { answerForm, submitAnswer } from '../../app/answers';
import { groupCard } from '../../cards/group-card';
import { answerFormCard, answerPromptCard, meetingStatusCard } from '../../cards/meeting-cards';
import { conclusionCard, revealCards, votingCard } from '../../cards/result-cards';
import { ellipsis } from '../../cards/fit';
import type { RenderedCard } from '../../cards/render';
import type { Outcome } from '../../app/result';
import { t } from '../../i18n';
import { cardReply, doneReply, messageReply, refusalReply, type Reply } from '../reply';
import { ConversationGoneError } from '../connector-errors';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

/** The shared status card of a meeting view, with names of who answered or prioritised. */
export function statusCardOf(view: MeetingView): RenderedCard {
  const { group, meeting, snapshot } = view;
  const n = meeting.number;
  const inGroup = (userId: string): boolean => group.members.some((m) => m.userId === userId);
  return meetingStatusCard(group.language, group, meeting, {
    answeredBy: snapshot.answers.filter((a) => a.meeting === n && inGroup(a.userId)).map((a) => a.name),
    votedBy: snapshot.votes.filter((v) => v.meeting === n && inGroup(v.userId)).map((v) => v.name),
    memberCount: group.members.length,
    previous: snapshot.meetings.find((m) => m.value.number === n - 1)?.value,
  });
}

/**
 * Refreshes a meeting's status card for everyone from the current state (coalesced); with `since`
 * (the outbox's mark before the turn read `view`), from `view` when it holds every change.
 */
async function refreshStatus(turn: Turn, view: MeetingView, since?: number): Promise<void> {
  const id = view.meeting.statusCardId;
  if (!id) return;
  const n = view.meeting.number;
  turn.deps.outbox.refreshCard(
    turn.context,
    id,
    async () => {
      const current = await currentMeeting(turn.deps.app, turn.actor, n);
      return current && statusCardOf(current);
    },
    (newId) => recordMeetingCard(turn.deps.app, turn.actor, n, 'statusCardId', newId),
    since === undefined ? undefined : { since, render: () => statusCardOf(view) },
  );
}

/** Starts meeting n: posts the shared status card and the answer card. */
export async function start(turn: Turn, rawMeeting: unknown): Promise<Reply> {
  const outcome = await startMeeting(turn.deps.app, turn.actor, rawMeeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  const lang = view.group.language;
  const n = view.meeting.number;
  const statusId = await turn.deps.outbox.postCard(turn.context, statusCardOf(view));
  if (statusId) await recordMeetingCard(turn.deps.app, turn.actor, n, 'statusCardId', statusId);
  await turn.deps.outbox.postCard(turn.context, answerPromptCard(lang, n));
  return doneReply(t(lang, 'meeting.started', { n }));
}

/** Opens the clicker's answer form for a meeting. */
export const openForm: ActionHandler = async (turn, data) => {
  const outcome = await answerForm(turn.deps.app, turn.actor, data.meeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group, meeting, mine } = outcome.value;
  return cardReply(answerFormCard(group.language, meeting.number, { values: mine?.fields }));
};

/** Saves the clicker's answers to a meeting. */
export const submit: ActionHandler = async (turn, data) => {
  const since = turn.deps.outbox.mark();
  const outcome = await submitAnswer(turn.deps.app, turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal !== 'invalidForm') return refusalReply(turn, outcome);
    const values = [1, 2, 3].map((i) => (typeof data[`a${i}`] === 'string' ? (data[`a${i}`] as string) : ''));
    return cardReply(
      answerFormCard(await turn.language(), Number(data.meeting), { values, errors: outcome.errors }),
    );
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
    await markUnposted(turn.deps.app, turn.actor, view.meeting.number, name);
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
  const posted = await markPosted(turn.deps.app, turn.actor, view.meeting.number, name, cards);
  const shown = posted.ok ? { ...view, meeting: posted.value } : view;
  await refreshStatus(turn, shown);
  return cardReply(statusCardOf(shown));
}

/** A coordinator's step that posts cards: change the meeting, post what it brings, refresh the status card. */
function postingStep(
  name: PostingStep,
  step: (
    deps: Turn['deps']['app'],
    actor: Turn['actor'],
    rawMeeting: unknown,
  ) => Promise<Outcome<MeetingView>>,
  cards: (view: MeetingView) => RenderedCard[],
): ActionHandler {
  return async (turn, data) => {
    const outcome = await step(turn.deps.app, turn.actor, data.meeting);
    if (!outcome.ok) return refusalReply(turn, outcome);
    const view = outcome.value;
    if (!(await postStep(turn, view, name, cards(view))))
      return messageReply(t(view.group.language, 'meeting.notPosted'));
    return stepDone(turn, view, name);
  };
}

/** Posts the answers of a meeting. */
export const doReveal = postingStep('reveal', reveal, (v) =>
  revealCards(v.group.language, v.group, v.meeting.number, v.items),
);
/** Posts the voting card of a meeting. */
export const doStartVoting = postingStep('startVoting', startVoting, (v) => [
  votingCard(v.group.language, v.group, v.meeting.number, v.items),
]);

/** Records the clicker's priorities. */
export const doVote: ActionHandler = async (turn, data) => {
  const since = turn.deps.outbox.mark();
  const outcome = await vote(turn.deps.app, turn.actor, data);
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
  const outcome = await closeMeeting(turn.deps.app, turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal === 'invalidForm') return refusalReply(turn, { ok: false, refusal: 'invalidInput' });
    return refusalReply(turn, outcome);
  }
  const view = outcome.value;
  if (view.repeated) return cardReply(statusCardOf(view));
  const card = conclusionCard(view.group.language, view.meeting, view.snapshot.proposals);
  const ids = await postStep(turn, view, 'close', [card]);
  if (!ids) return messageReply(t(view.group.language, 'meeting.notPosted'));
  return stepDone(turn, view, 'close', ids[0] ? { conclusionCardId: ids[0] } : {});
};

/** Universal Actions refresh: the current status card of a meeting, or the group card. */
export const refreshView: ActionHandler = async (turn, data) => {
  if (data.meeting !== undefined) {
    const view = await currentMeeting(turn.deps.app, turn.actor, Number(data.meeting));
    if (view) return cardReply(statusCardOf(view));
  }
  const group = await turn.deps.app.store.loadGroup(turn.actor.groupKey);
  return cardReply(groupCard(group?.value.language ?? (await turn.language()), group?.value));
};
