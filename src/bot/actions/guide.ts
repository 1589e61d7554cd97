import { guideCard } from '../../cards/guide-card';
import { cardReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';

/** `vejledning N` / `guide N` and the status card's button: the guide to meeting N. */
export async function openGuide(turn: Turn, rawMeeting: unknown): Promise<Reply> {
  const outcome = await turn.deps.app.meetingGuide(turn.actor, rawMeeting);
  if (!outcome.ok) return refusalReply(turn, outcome);
  return cardReply(guideCard(outcome.value.group.language, outcome.value));
}
