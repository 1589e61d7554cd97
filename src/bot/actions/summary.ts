import { chooseGroupCard, programmeSummaryCard, themeSummaryCard } from '../../cards/summary-cards';
import { act } from '../act';
import { cardReply } from '../reply';

/** A theme summary (meeting given) or the whole programme, for a coordinator; others are told politely. */
export const summary = act(
  'summary',
  async (turn, view) => {
    const { group } = view;
    const link = await turn.deps.overviewLink?.(group, turn.actor.userId);
    const meeting = view.kind === 'theme' ? view.meeting.number : undefined;
    return cardReply(
      view.kind === 'theme'
        ? themeSummaryCard(group.language, view, link)
        : programmeSummaryCard(group.language, view, link),
      (id) => turn.deps.app.recordPostedCards(turn.actor, meeting, [id]),
    );
  },
  async (turn, { choices }) =>
    choices && cardReply(chooseGroupCard(turn.actor.language, choices.groups, choices.meeting)),
);
