import type { Verb } from '../../app';
import { acrossCard } from '../../cards/across-card';
import { helpCard } from '../../cards/help-card';
import { setupPromptCard } from '../../cards/setup-card';
import { statusCard } from '../../cards/status-card';
import type { CommandName } from '../commands';
import { perform, type Handler } from '../act';
import { cardReply, refusalReply } from '../reply';
import { askDeleteGroup, askDeleteMyData } from './data-rights';
import { openSetup } from './group';
import { remindUnanswered } from './remind';

/**
 * What each chat command does: the same as a card verb (its handler gets `{ meeting: <what
 * followed the command> }`, the input the verb's button sends), or a handler of its own.
 */
export const COMMANDS: Record<CommandName, Verb | Handler> = {
  help: async (turn) => cardReply(helpCard(await turn.language(), turn.actor.chat === 'personal')),
  // In a shared chat a button, whose click returns the form to the clicker alone (as the welcome card's).
  setup: async (turn, input) => {
    if (turn.actor.chat === 'personal') return openSetup(turn, input);
    const done = await perform('openSetup', turn, input);
    if ('reply' in done) return done.reply;
    return cardReply(setupPromptCard(await turn.language(), done.view.group !== undefined));
  },
  status: async (turn) => {
    const outcome = await turn.deps.app.programmeStatus(turn.actor);
    if (!outcome.ok) return refusalReply(turn, outcome);
    const { group } = outcome.value;
    const link = await turn.deps.overviewLink?.(group, turn.actor.userId);
    return cardReply(statusCard(group.language, outcome.value, link));
  },
  invite: 'openInvitation',
  guide: 'openGuide',
  start: 'startMeeting',
  remind: (turn) => remindUnanswered(turn),
  myData: 'myData',
  deleteMyData: (turn) => askDeleteMyData(turn),
  deleteGroup: (turn) => askDeleteGroup(turn),
  across: async (turn, input) => {
    // `på tværs 1 side 2` / `across 1 page 2`: the page of the groups, when there are many.
    const [meeting, word, page] = String(input.meeting ?? '').split(' ');
    const paged = word === 'side' || word === 'page';
    const outcome = await turn.deps.app.compareAcross(
      turn.actor,
      paged ? meeting : input.meeting,
      paged ? page : undefined,
    );
    if (!outcome.ok) return refusalReply(turn, outcome);
    return cardReply(acrossCard(await turn.language(), outcome.value));
  },
  summary: 'summary',
};
