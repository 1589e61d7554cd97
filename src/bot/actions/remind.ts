import { themeTitleKey, type MeetingNumber } from '../../domain/themes';
import { t } from '../../i18n';
import { mentionList } from '../mentions';
import { messageReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';

/** `påmind`: @mentions the members who have not answered the running meeting (coordinator only). */
export async function remindUnanswered(turn: Turn): Promise<Reply> {
  const outcome = await turn.deps.app.unansweredInRunningMeeting(turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group, meeting, missing } = outcome.value;
  const lang = group.language;
  const vars = { n: meeting.number, theme: t(lang, themeTitleKey(meeting.number as MeetingNumber)) };
  if (missing.length === 0)
    return messageReply(t(lang, 'remind.allAnswered', { ...vars, count: group.members.length }));
  return messageReply(t(lang, 'remind.missing', { ...vars, names: mentionList(missing) }), missing);
}
