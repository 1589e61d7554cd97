import { chooseGroupCard } from '../../cards/choose-group-card';
import { programmeSummaryCard, themeSummaryCard } from '../../cards/summary-cards';
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
      // Posted in the group's chat it shows answers (a deletion replaces it); in a personal chat it is not the group's.
      turn.actor.chat === 'personal' ? undefined : { groupKey: turn.actor.groupKey, meeting },
    );
  },
  async (turn, { choices }) =>
    choices && cardReply(chooseGroupCard(turn.actor.language, choices.groups, choices.meeting)),
);
