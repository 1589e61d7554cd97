import type { Group } from '../../domain/types';
import { escapeMarkdown } from '../../cards/escape';
import { groupCard } from '../../cards/group-card';
import { setupCard } from '../../cards/setup-card';
import { t } from '../../i18n';
import { cardReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';
import type { ActionHandler } from './handler';

/**
 * Shows the group's shared card to everyone: updates it in place when it exists; otherwise turns
 * `adopt` (the card that was clicked, e.g. the welcome card) into it, or posts a new one.
 */
export async function showGroupCard(turn: Turn, group: Group, adopt?: string): Promise<void> {
  const existing = group.groupCardId ?? adopt;
  if (existing) {
    turn.deps.outbox.refreshCard(
      turn.context,
      existing,
      async () => {
        const current = await turn.deps.app.groupView(turn.actor);
        return current && groupCard(current.language, current);
      },
      (newId) => turn.deps.app.recordGroupCard(turn.actor, newId),
    );
  }
  const id = existing ?? (await turn.deps.outbox.postCard(turn.context, groupCard(group.language, group)));
  if (id && id !== group.groupCardId) await turn.deps.app.recordGroupCard(turn.actor, id);
}

function stringsOf(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The setup card for whoever asked (pre-filled with the current settings for a coordinator). */
export async function openSetup(turn: Turn): Promise<Reply> {
  const lang = await turn.language();
  const group = await turn.deps.app.groupView(turn.actor).catch(() => undefined);
  return cardReply(setupCard(lang, group ?? {}, {}, '', await revealFixed(turn, group)));
}

/** True when the group answered anonymously: the setup card then shows the reveal mode read-only. */
async function revealFixed(turn: Turn, group: Group | undefined): Promise<boolean> {
  return group?.revealMode === 'anonymous' && (await turn.deps.app.hasAnswers(turn.actor));
}

/** Saves the setup card: creates the group or updates its settings. */
export const setup: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.setupGroup(turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal !== 'invalidForm') return refusalReply(turn, outcome);
    const values = stringsOf(data);
    const group = await turn.deps.app.groupView(turn.actor);
    const fixed = await revealFixed(turn, group);
    return cardReply(setupCard(await turn.language(), values, outcome.errors, values.precondition, fixed));
  }
  const { group, created } = outcome.value;
  await showGroupCard(turn, group, created ? turn.context.activity.replyToId : undefined);
  const lang = group.language;
  // The seed's precondition is advice: a group without both efforts running is still created.
  const advice = data.precondition === 'no' ? ` ${t(lang, 'setup.preconditionAdvice')}` : '';
  const notice = created
    ? t(lang, 'setup.done', { name: escapeMarkdown(group.name) }) + advice
    : t(lang, 'setup.updated');
  return cardReply(groupCard(group.language, group, { notice }));
};

/** Joins the clicker to the group (or updates their role). */
export const join: ActionHandler = async (turn, data) => {
  const outcome = await turn.deps.app.joinGroup(turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal !== 'invalidForm') return refusalReply(turn, outcome);
    const lang = await turn.language();
    const group = await turn.deps.app.groupView(turn.actor);
    return cardReply(groupCard(lang, group, { problem: t(lang, 'join.problems') }));
  }
  const { group, member, changed } = outcome.value;
  await showGroupCard(turn, group);
  const role = member ? member.roleTitle : '';
  const notice = t(group.language, changed === 'joined' ? 'join.done' : 'join.updated', {
    name: escapeMarkdown(turn.actor.name),
    role: escapeMarkdown(role),
  });
  return cardReply(groupCard(group.language, group, { notice, me: member }));
};

/** Takes the clicker out of the group. */
export const leave: ActionHandler = async (turn) => {
  const outcome = await turn.deps.app.leaveGroup(turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group } = outcome.value;
  await showGroupCard(turn, group);
  return cardReply(groupCard(group.language, group, { notice: t(group.language, 'leave.done') }));
};
