import type { BehalfChoice } from '../../app/behalf';
import { answerFormCard, type BehalfPicker } from '../../cards/answer-form-card';
import { richLine } from '../../cards/rich-text';
import { act, perform } from '../act';
import { cardReply } from '../reply';

/** The form's member picker: the members to choose from (by their card ids), and the one chosen. */
function picker(members: readonly BehalfChoice[], chosen?: string): BehalfPicker {
  return { members: members.map((m) => ({ title: m.name, value: m.ref })), chosen };
}

/** Opens the coordinator's form for typing in a member's answer (their own view only). */
export const openBehalfForm = act('openBehalfForm', (_turn, { group, meeting, members }) =>
  cardReply(answerFormCard(group.language, meeting.number, { behalf: picker(members) })),
);

/**
 * Saves an answer typed in for a member and shows the form again for the next one; with
 * problems, the form again with them marked and the member still chosen.
 */
export const submitBehalfAnswer = act(
  'submitBehalfAnswer',
  (_turn, view) => {
    const lang = view.group.language;
    const notice = richLine(lang, view.newer ? 'behalf.newer' : 'behalf.saved', { name: view.entered.name });
    return cardReply(answerFormCard(lang, view.meeting.number, { behalf: picker(view.members), notice }));
  },
  async (turn, refused, input) => {
    const { values, errors, detail } = refused;
    if (!values || !detail) return undefined;
    const form = await perform('openBehalfForm', turn, input);
    if ('reply' in form) return form.reply;
    const behalf = picker(form.view.members, String(detail.member ?? ''));
    return cardReply(answerFormCard(form.view.group.language, Number(detail.n), { values, errors, behalf }));
  },
);
