import { escapeMarkdown } from '../../cards/escape';
import { groupCard } from '../../cards/group-card';
import { setupCard } from '../../cards/setup-card';
import { t } from '../../i18n';
import { act } from '../act';
import { cardReply } from '../reply';

function stringsOf(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The setup card for whoever asked (pre-filled with the current settings for a coordinator). */
export const openSetup = act('openSetup', async (turn, { group, revealFixed }) =>
  cardReply(setupCard(await turn.language(), group ?? {}, {}, '', revealFixed)),
);

/** Saves the setup card: creates the group or updates its settings. */
export const setupGroup = act(
  'setupGroup',
  (_turn, { group, created }, input) => {
    const lang = group.language;
    // The seed's precondition is advice: a group without both efforts running is still created.
    const advice = input.precondition === 'no' ? ` ${t(lang, 'setup.preconditionAdvice')}` : '';
    const notice = created
      ? t(lang, 'setup.done', { name: escapeMarkdown(group.name) }) + advice
      : t(lang, 'setup.updated');
    return cardReply(groupCard(lang, group, { notice }));
  },
  async (turn, refused, input) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const values = stringsOf(input);
    const setup = await turn.deps.app.openSetup(turn.actor);
    const fixed = setup.ok && setup.value.revealFixed;
    return cardReply(setupCard(await turn.language(), values, refused.errors, values.precondition, fixed));
  },
);

/** Joins the clicker to the group (or updates their role). */
export const joinGroup = act(
  'joinGroup',
  (turn, { group, member, changed }) => {
    const key =
      changed === 'unchanged' ? 'roster.newer' : changed === 'joined' ? 'join.done' : 'join.updated';
    const notice = t(group.language, key, {
      name: escapeMarkdown(turn.actor.name),
      role: escapeMarkdown(member ? member.roleTitle : ''),
    });
    return cardReply(groupCard(group.language, group, { notice, me: member }));
  },
  async (turn, refused) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const lang = await turn.language();
    const group = await turn.deps.app.groupView(turn.actor);
    return cardReply(groupCard(lang, group, { problem: t(lang, 'join.problems') }));
  },
);

/** Takes the clicker out of the group. */
export const leaveGroup = act('leaveGroup', (_turn, { group, member, changed }) => {
  const notice = t(group.language, changed === 'unchanged' ? 'roster.newer' : 'leave.done');
  return cardReply(groupCard(group.language, group, { notice, me: member }));
});
