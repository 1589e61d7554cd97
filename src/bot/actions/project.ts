import { MAX_PROPOSALS } from '../../domain/project-input';
import { projectFinalCard, proposalCards } from '../../cards/project-cards';
import { escapeMarkdown } from '../../cards/escape';
import { t } from '../../i18n';
import { act } from '../act';
import { outgoing } from '../outbox/dispatcher';
import { cardReply, doneReply } from '../reply';
import { conclusionOf, voteCardOf } from '../shared-cards';

/** Saves a proposal for the common project. */
export const proposeProject = act('proposeProject', (_turn, view) => {
  const notice = t(view.group.language, 'project.proposalSaved', {
    title: escapeMarkdown(view.proposal.title),
    max: MAX_PROPOSALS,
  });
  const card = conclusionOf(view, notice);
  return card ? cardReply(card) : doneReply(notice);
});

/**
 * Opens the project vote: the proposals in full, then the vote card (which may shorten them), are
 * committed with the vote and posted after the turn (once: opening it again posts nothing).
 */
export const startProjectVote = act(
  'startProjectVote',
  (_turn, view) => doneReply(t(view.group.language, 'project.voteSummary')),
  undefined,
  () => (view) => [
    ...proposalCards(view.group.language, view.proposals).map((card) => outgoing('shown', card)),
    outgoing('projectVoteCard', voteCardOf(view)),
  ],
);

/** Records the clicker's vote for a project. */
export const voteProject = act('voteProject', (_turn, view) => {
  const key = view.newer ? 'project.voteNewer' : 'project.voteSaved';
  const notice = t(view.group.language, key, { title: escapeMarkdown(view.chosen.title) });
  return cardReply(voteCardOf(view, view.chosen.id, notice));
});

/** Records the chosen project; its card is posted after the turn and shown to the clicker at once. */
export const chooseProject = act(
  'chooseProject',
  (_turn, { group, project }) => cardReply(projectFinalCard(group.language, group, project)),
  undefined,
  () =>
    ({ group, project }) => [outgoing('shown', projectFinalCard(group.language, group, project))],
);
