import type { ProjectView } from '../../app/project';
import { MAX_PROPOSALS } from '../../domain/project-input';
import { projectFinalCard, projectVoteCard, proposalCards } from '../../cards/project-cards';
import { conclusionCard } from '../../cards/result-cards';
import type { RenderedCard } from '../../cards/render';
import { escapeMarkdown } from '../../cards/escape';
import { t } from '../../i18n';
import { cardReply, doneReply, messageReply, refusalReply } from '../reply';
import { ConversationGoneError } from '../outbox/connector-errors';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

function conclusionOf(view: ProjectView, notice = ''): RenderedCard | undefined {
  const meeting = view.lastMeeting;
  return meeting && conclusionCard(view.group.language, meeting, view.proposals, notice);
}

/** Refreshes a shared card from the group's current state (coalesced). */
async function refresh(
  turn: Turn,
  id: string | undefined,
  render: (view: ProjectView) => RenderedCard | undefined,
  onReposted: (newId: string) => Promise<unknown>,
): Promise<void> {
  if (!id) return;
  turn.deps.outbox.refreshCard(
    turn.context,
    id,
    async () => {
      const view = await turn.deps.app.projectView(turn.actor);
      return view && render(view);
    },
    onReposted,
  );
}

const recordVoteCard =
  (turn: Turn) =>
  (newId: string): Promise<unknown> =>
    turn.deps.app.recordProjectVoteCard(turn.actor, newId);

const voteCardOf = (view: ProjectView, mine?: string, notice = ''): RenderedCard =>
  projectVoteCard(view.group.language, view.group, view.proposals, view.projectVotes, mine, notice);

/** Saves a proposal for the common project. */
export const propose: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.proposeProject(turn.actor, data);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  await refresh(
    turn,
    view.lastMeeting?.conclusionCardId,
    (v) => conclusionOf(v),
    (newId) => turn.deps.app.recordMeetingCard(turn.actor, 4, 'conclusionCardId', newId),
  );
  const notice = t(view.group.language, 'project.proposalSaved', {
    title: escapeMarkdown(view.proposal.title),
    max: MAX_PROPOSALS,
  });
  const card = conclusionOf(view, notice);
  return card ? cardReply(card) : doneReply(notice);
};

/** Posts the proposals and the project vote card. */
export const startVote: ActionHandler = async (turn) => {
  const outcome = await turn.deps.app.startProjectVote(turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  if (view.group.projectVote?.cardId) {
    await refresh(turn, view.group.projectVote.cardId, (v) => voteCardOf(v), recordVoteCard(turn));
  } else {
    // The proposals in full, then the vote card (which may shorten them). Until Teams has accepted
    // the vote card its id is not recorded, so the coordinator's next click posts them again.
    const lang = view.group.language;
    let id = '';
    try {
      for (const card of proposalCards(lang, view.proposals))
        await turn.deps.outbox.postCard(turn.context, card);
      id = await turn.deps.outbox.postCard(turn.context, voteCardOf(view));
    } catch (err) {
      if (err instanceof ConversationGoneError) throw err;
      turn.deps.log.warn('card.post.failed', { step: 'startProjectVote', error: String(err) });
      return messageReply(t(lang, 'meeting.notPosted'));
    }
    if (id) await turn.deps.app.recordProjectVoteCard(turn.actor, id);
  }
  return doneReply(t(view.group.language, 'project.voteSummary'));
};

/** Records the clicker's vote for a project. */
export const castVote: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.voteProject(turn.actor, data);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const view = outcome.value;
  await refresh(turn, view.group.projectVote?.cardId, (v) => voteCardOf(v), recordVoteCard(turn));
  const notice = t(view.group.language, 'project.voteSaved', { title: escapeMarkdown(view.chosen.title) });
  return cardReply(voteCardOf(view, view.chosen.id, notice));
};

/** Records the chosen project and posts it. */
export const choose: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.chooseProject(turn.actor, data);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group, project } = outcome.value;
  const final = projectFinalCard(group.language, group, project);
  await turn.deps.outbox.postCard(turn.context, final);
  return cardReply(final);
};
