import { coordinatedGroups, summarise } from '../../app/summary';
import { chooseGroupCard, programmeSummaryCard, themeSummaryCard } from '../../cards/summary-cards';
import { t } from '../../i18n';
import { cardReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

/** A theme summary (meeting given) or the whole programme, for a coordinator; others are told politely. */
export async function summary(turn: Turn, rawMeeting: unknown, requestedGroup?: unknown): Promise<Reply> {
  const outcome = await summarise(turn.deps.app, turn.actor, rawMeeting, requestedGroup);
  if (!outcome.ok) {
    if (outcome.refusal === 'chooseGroup') {
      const groups = await coordinatedGroups(turn.deps.app, turn.actor);
      const n = Number(rawMeeting) || undefined;
      return cardReply(chooseGroupCard(turn.actor.language, groups, n));
    }
    if (outcome.refusal === 'notCoordinator' && outcome.detail?.summary) {
      return {
        kind: 'message',
        text: t(await turn.language(), 'refusal.notCoordinatorSummary', outcome.detail),
      };
    }
    return refusalReply(turn, outcome);
  }
  const { snapshot, meeting } = outcome.value;
  const lang = snapshot.group.value.language;
  const link = await turn.deps.overviewLink?.(snapshot.group.value);
  return cardReply(
    meeting ? themeSummaryCard(lang, snapshot, meeting, link) : programmeSummaryCard(lang, snapshot, link),
  );
}

/** The summary verb (from the choose-group card in a personal chat). */
export const summaryActions: Record<string, ActionHandler> = {
  summary: (turn, data) => summary(turn, data.meeting, data.group),
};
