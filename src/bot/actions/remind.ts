import { themeTitleKey, type MeetingNumber } from '../../domain/themes';
import { perMeeting } from '../../cards/meeting-cards';
import { t } from '../../i18n';
import { messageReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';

/**
 * `påmind` (coordinator only): a friendly reminder to whoever has not shared their answers to the
 * running meeting, with how many have – no names, no @mentions, nothing to those who cannot come.
 */
export async function remindUnanswered(turn: Turn): Promise<Reply> {
  const outcome = await turn.deps.app.unansweredInRunningMeeting(turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group, meeting, shared, expected } = outcome.value;
  const lang = group.language;
  const n = meeting.number;
  const vars = { n, theme: t(lang, themeTitleKey(n as MeetingNumber)), count: shared, total: expected };
  if (shared >= expected) return messageReply(t(lang, 'remind.allAnswered', vars));
  return messageReply(t(lang, 'remind.missing', { ...vars, button: perMeeting(lang, 'answer.button', n) }));
}
