import { programmeStatus } from '../../app/status';
import { helpCard } from '../../cards/help-card';
import { statusCard } from '../../cards/status-card';
import { t } from '../../i18n';
import type { CommandName } from '../commands';
import { cardReply, messageReply, refusalReply } from '../reply';
import type { CommandHandler } from './handler';
import { openSetup } from './group';
import { openInvitationEditor } from './invitation';

const notYet: CommandHandler = async (turn) =>
  messageReply(t(await turn.language(), 'refusal.notYetAvailable'));

/** Chat command handlers. */
export const commandHandlers: Record<CommandName, CommandHandler> = {
  help: async (turn) => cardReply(helpCard(await turn.language())),
  setup: (turn) => openSetup(turn),
  status: async (turn) => {
    const outcome = await programmeStatus(turn.deps.app, turn.actor);
    if (!outcome.ok) return refusalReply(turn, outcome);
    return cardReply(statusCard(outcome.value.group.value.language, outcome.value));
  },
  invite: (turn, arg) => openInvitationEditor(turn, arg),
  start: notYet,
  summary: notYet,
};
