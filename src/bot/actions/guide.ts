import { meetingGuide } from '../../app/guide';
import { guideCard } from '../../cards/guide-card';
import { cardReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

/** `vejledning N` / `guide N` and the status card's button: the guide to meeting N. */
export async function openGuide(turn: Turn, rawMeeting: unknown): Promise<Reply> {
  const outcome = await meetingGuide(turn.deps.app, turn.actor, rawMeeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  return cardReply(guideCard(outcome.value.group.language, outcome.value));
}

/** Card verbs about the coordinator's guide. */
export const guideActions: Record<string, ActionHandler> = {
  openGuide: (turn, data) => openGuide(turn, data.meeting),
};
