import { chooseGroupCard, programmeSummaryCard, themeSummaryCard } from '../../cards/summary-cards';
import { cardReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';

/** A theme summary (meeting given) or the whole programme, for a coordinator; others are told politely. */
export async function summary(turn: Turn, rawMeeting: unknown, requestedGroup?: unknown): Promise<Reply> {
  const outcome = await turn.deps.app.summarise(turn.actor, rawMeeting, requestedGroup);
  if (!outcome.ok) {
    const { choices } = outcome;
    if (choices) return cardReply(chooseGroupCard(turn.actor.language, choices.groups, choices.meeting));
    return refusalReply(turn, outcome);
  }
  const view = outcome.value;
  const { group } = view;
  const link = await turn.deps.overviewLink?.(group);
  return cardReply(
    view.kind === 'theme'
      ? themeSummaryCard(group.language, view, link)
      : programmeSummaryCard(group.language, view, link),
  );
}
