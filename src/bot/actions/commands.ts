import { acrossCard } from '../../cards/across-card';
import { helpCard } from '../../cards/help-card';
import { statusCard } from '../../cards/status-card';
import type { CommandName } from '../commands';
import { cardReply, refusalReply } from '../reply';
import type { CommandHandler } from './handler';
import { openSetup } from './group';
import { openGuide } from './guide';
import { openInvitationEditor } from './invitation';
import { start } from './meeting';
import { askDeleteGroup, askDeleteMyData, showMyData } from './data-rights';
import { remindUnanswered } from './remind';
import { summary } from './summary';

/** Chat command handlers. */
export const commandHandlers: Record<CommandName, CommandHandler> = {
  help: async (turn) => cardReply(helpCard(await turn.language())),
  setup: (turn) => openSetup(turn),
  status: async (turn) => {
    const outcome = await turn.deps.app.programmeStatus(turn.actor);
    if (!outcome.ok) return refusalReply(turn, outcome);
    const { group } = outcome.value;
    const link = await turn.deps.overviewLink?.(group);
    return cardReply(statusCard(group.language, outcome.value, link));
  },
  invite: (turn, arg) => openInvitationEditor(turn, arg),
  guide: (turn, arg) => openGuide(turn, arg),
  start: (turn, arg) => start(turn, arg),
  remind: (turn) => remindUnanswered(turn),
  myData: (turn) => showMyData(turn),
  deleteMyData: (turn) => askDeleteMyData(turn),
  deleteGroup: (turn) => askDeleteGroup(turn),
  across: async (turn, arg) => {
    const outcome = await turn.deps.app.compareAcross(turn.actor, arg);
    if (!outcome.ok) return refusalReply(turn, outcome);
    return cardReply(acrossCard(await turn.language(), outcome.value));
  },
  summary: (turn, arg) => summary(turn, arg),
};
