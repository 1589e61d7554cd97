import { MAX_PROPOSALS } from '../../domain/project-input';
import {
  ballotCard,
  decisionCard,
  projectFinalCard,
  proposalCards,
  proposalFormCard,
} from '../../cards/project-cards';
import { richLine } from '../../cards/rich-text';
import { t } from '../../i18n';
import { act } from '../act';
import { stringsOf } from '../card-data';
import { ConversationGoneError } from '../outbox/connector-errors';
import { cardReply, doneReply, messageReply } from '../reply';
import { conclusionOf, viewerIn, voteCardOf } from '../shared-cards';

/** The proposal form, for the clicker alone. */
export const openProposal = act('openProposal', (_turn, view) =>
  cardReply(proposalFormCard(view.group.language)),
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
    return cardReply(proposalFormCard(await turn.language(), refused.errors, stringsOf(input)));
  },
);

/** Posts the proposals and the project vote card (once: a vote card already posted is refreshed). */
export const startProjectVote = act('startProjectVote', async (turn, view) => {
  const lang = view.group.language;
  if (!view.group.projectVote?.cardId) {
    // The proposals in full, then the vote card (which may shorten them). Until Teams has accepted
    // the vote card its id is not recorded, so the coordinator's next click posts them again.
    let id = '';
    const shown: string[] = [];
    try {
      for (const card of proposalCards(lang, view.proposals))
        shown.push(await turn.deps.outbox.postCard(turn.context, card));
      await turn.deps.app.recordPostedCards(turn.actor, 4, shown);
      id = await turn.deps.outbox.postCard(turn.context, voteCardOf(view));
    } catch (err) {
      if (err instanceof ConversationGoneError) throw err;
      turn.deps.log.warn('card.post.failed', { step: 'startProjectVote', error: String(err) });
      return messageReply(t(lang, 'meeting.notPosted'));
    }
    if (id) await turn.deps.app.recordProjectVoteCard(turn.actor, id);
  }
  return doneReply(t(lang, 'project.voteSummary'));
});

/** The clicker's ballot on the proposals, with their vote so far. */
export const openBallot = act('openBallot', (_turn, view) =>
  cardReply(ballotCard(view.group.language, view.proposals, view.mine)),
);

/** Records the clicker's vote for a project; they see their view of the vote card. */
export const voteProject = act('voteProject', (turn, view) => {
  const notice = richLine(view.group.language, 'project.voteSaved', { title: view.chosen.title }, 'Good');
  return cardReply(voteCardOf(view, viewerIn(turn, view.group), notice));
});

/** The coordinator's form that records the common project, for them alone. */
export const openDecision = act('openDecision', (_turn, view) =>
  cardReply(decisionCard(view.group.language, view.group, view.proposals)),
);

/** Records the chosen project and posts it; problems in the form show it again, marked. */
export const chooseProject = act(
  'chooseProject',
  async (turn, { group, project }) => {
    const final = projectFinalCard(group.language, group, project);
    const id = await turn.deps.outbox.postCard(turn.context, final);
    await turn.deps.app.recordPostedCards(turn.actor, 4, [id]);
    return cardReply(final);
  },
  async (turn, refused, input) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const view = await turn.deps.app.openDecision(turn.actor);
    if (!view.ok) return undefined;
    const { group, proposals } = view.value;
    return cardReply(decisionCard(group.language, group, proposals, refused.errors, stringsOf(input)));
  },
);
