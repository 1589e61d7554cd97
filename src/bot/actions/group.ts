import { groupCard, joinFormCard } from '../../cards/group-card';
import { plainRun, richLine } from '../../cards/rich-text';
import { setupCard } from '../../cards/setup-card';
import { t } from '../../i18n';
import { act } from '../act';
import { stringsOf } from '../card-data';
import { outgoing } from '../outbox/dispatcher';
import { cardReply } from '../reply';
import { viewerIn } from '../shared-cards';

/** The setup card for whoever asked (pre-filled with the current settings for a coordinator). */
export const openSetup = act('openSetup', async (turn, { group, revealFixed }) =>
  cardReply(setupCard(await turn.language(), group ?? {}, {}, '', revealFixed)),
);

/**
 * Saves the setup card: creates the group or updates its settings; the clicker sees their view of
 * the group card at once. A new group's card is committed with it and sent from the outbox after
 * the turn: it replaces the welcome card the setup was opened from (or is posted when there is none).
 */
export const setupGroup = act(
  'setupGroup',
  (turn, { group, created }, input) => {
    const lang = group.language;
    // The seed's precondition is advice: a group without both efforts running is still created.
    const advice = input.precondition === 'no' ? plainRun(` ${t(lang, 'setup.preconditionAdvice')}`) : [];
    const notice = created
      ? [...richLine(lang, 'setup.done', { name: group.name }, 'Good'), ...advice]
      : richLine(lang, 'setup.updated', {}, 'Good');
    return cardReply(groupCard(lang, group, viewerIn(turn, group), notice));
  },
  async (turn, refused, input) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const values = stringsOf(input);
    const setup = await turn.deps.app.openSetup(turn.actor);
    const fixed = setup.ok && setup.value.revealFixed;
    return cardReply(setupCard(await turn.language(), values, refused.errors, values.precondition, fixed));
  },
  (turn) =>
    ({ group, created }) => {
      if (!created) return [];
      const welcome = turn.context.activity.replyToId;
      return [
        {
          ...outgoing('groupCard', groupCard(group.language, group)),
          ...(welcome ? { replaces: welcome } : {}),
        },
      ];
    },
);

/** The join form, for the clicker alone (pre-filled when they are on the roster). */
export const openJoin = act('openJoin', (_turn, { group, me }) =>
  cardReply(joinFormCard(group.language, group, me)),
);

/** Joins the clicker to the group (or updates their role); they see their view of the group card. */
export const joinGroup = act(
  'joinGroup',
  (turn, { group, member, changed }) => {
    const key =
      changed === 'unchanged' ? 'roster.newer' : changed === 'joined' ? 'join.done' : 'join.updated';
    const notice = richLine(
      group.language,
      key,
      { name: turn.actor.name, role: member ? member.roleTitle : '' },
      'Good',
    );
    return cardReply(groupCard(group.language, group, viewerIn(turn, group), notice));
  },
  async (turn, refused) => {
    if (refused.refusal !== 'invalidForm') return undefined;
    const lang = await turn.language();
    const group = await turn.deps.app.groupView(turn.actor);
    const me = group?.members.find((m) => m.userId === turn.actor.userId);
    return group ? cardReply(joinFormCard(lang, group, me, t(lang, 'join.problems'))) : undefined;
  },
);

/** Takes the clicker out of the group; they see their view of the group card. */
export const leaveGroup = act('leaveGroup', (turn, { group, changed }) =>
  cardReply(
    groupCard(
      group.language,
      group,
      viewerIn(turn, group),
      richLine(group.language, changed === 'unchanged' ? 'roster.newer' : 'leave.done', {}, 'Good'),
    ),
  ),
);
