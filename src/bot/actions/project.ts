import { MAX_PROPOSALS } from '../../domain/project-input';
import { ballotCard, decisionCard, projectFinalCard, proposalCards } from '../../cards/project-cards';
import { proposalFormCard } from '../../cards/proposal-form-card';
import { richLine } from '../../cards/rich-text';
import { t } from '../../i18n';
import { act } from '../act';
import { stringsOf } from '../card-data';
import { outgoing } from '../outbox/dispatcher';
import { cardReply, doneReply } from '../reply';
import { conclusionOf, viewerIn, voteCardOf } from '../shared-cards';

/** The proposal form, with what the group chose in the meetings, for the clicker alone. */
export const openProposal = act('openProposal', (_turn, view) =>
  cardReply(proposalFormCard(view.group.language, view.fromMeetings)),
);

/** Saves a proposal for the common project; the clicker sees their view of the conclusion card. */
export const proposeProject = act(
  'proposeProject',
  (turn, view) => {
    const lang = view.group.language;
    const notice = richLine(
      lang,
      'project.proposalSaved',
      { title: view.proposal.title, max: MAX_PROPOSALS },
      'Good',
    );
    const card = conclusionOf(view, viewerIn(turn, view.group), notice);
    return card
      ? cardReply(card)
      : doneReply(t(lang, 'project.proposalSaved', { title: view.proposal.title, max: MAX_PROPOSALS }));
  },
  async (turn, refused, input) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const view = await turn.deps.app.openProposal(turn.actor);
    if (!view.ok) return undefined;
    const { group, fromMeetings } = view.value;
    return cardReply(proposalFormCard(group.language, fromMeetings, refused.errors, stringsOf(input)));
  },
);

/**
 * Opens the project vote: the proposals in full, then the vote card (which may shorten them), are
 * committed with the vote and posted after the turn (once: opening it again posts nothing).
 */
export const startProjectVote = act(
  'startProjectVote',
  (_turn, view) => doneReply(t(view.group.language, 'project.voteSummary')),
  undefined,
  () => (view) => [
    ...proposalCards(view.group.language, view.proposals, view.fromMeetings).map((card) =>
      outgoing('shown', card),
    ),
    outgoing('projectVoteCard', voteCardOf(view)),
  ],
);

/** The clicker's ballot on the proposals, with their vote so far. */
export const openBallot = act('openBallot', (_turn, view) =>
  cardReply(ballotCard(view.group.language, view.proposals, view.mine)),
);

/** Records the clicker's vote for a project; they see their view of the vote card. */
export const voteProject = act('voteProject', (turn, view) => {
  const key = view.newer ? 'project.voteNewer' : 'project.voteSaved';
  const notice = richLine(view.group.language, key, { title: view.chosen.title }, 'Good');
  return cardReply(voteCardOf(view, viewerIn(turn, view.group), notice));
});

/** The coordinator's form that records the common project, for them alone. */
export const openDecision = act('openDecision', (_turn, view) =>
  cardReply(decisionCard(view.group.language, view.group, view.proposals)),
);

/**
 * Records the chosen project; its card is posted after the turn and shown to the clicker at once.
 * Problems in the form show it again, marked.
 */
export const chooseProject = act(
  'chooseProject',
  (_turn, { group, project, fromMeetings }) =>
    cardReply(projectFinalCard(group.language, group, project, fromMeetings)),
  async (turn, refused, input) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const view = await turn.deps.app.openDecision(turn.actor);
    if (!view.ok) return undefined;
    const { group, proposals } = view.value;
    return cardReply(decisionCard(group.language, group, proposals, refused.errors, stringsOf(input)));
  },
  () =>
    ({ group, project, fromMeetings }) => [
      outgoing('shown', projectFinalCard(group.language, group, project, fromMeetings)),
    ],
);
