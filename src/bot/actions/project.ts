import { MAX_PROPOSALS } from '../../domain/project-input';
import { projectFinalCard, proposalCards } from '../../cards/project-cards';
import { escapeMarkdown } from '../../cards/escape';
import { t } from '../../i18n';
import { act } from '../act';
import { ConversationGoneError } from '../outbox/connector-errors';
import { cardReply, doneReply, messageReply } from '../reply';
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

/** Records the clicker's vote for a project. */
export const voteProject = act('voteProject', (_turn, view) => {
  const key = view.newer ? 'project.voteNewer' : 'project.voteSaved';
  const notice = t(view.group.language, key, { title: escapeMarkdown(view.chosen.title) });
  return cardReply(voteCardOf(view, view.chosen.id, notice));
});

/** Records the chosen project and posts it. */
export const chooseProject = act('chooseProject', async (turn, { group, project }) => {
  const final = projectFinalCard(group.language, group, project);
  const id = await turn.deps.outbox.postCard(turn.context, final);
  await turn.deps.app.recordPostedCards(turn.actor, 4, [id]);
  return cardReply(final);
});
