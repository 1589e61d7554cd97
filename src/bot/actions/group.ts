import { hasAnswers, joinGroup, leaveGroup, recordGroupCard, setupGroup } from '../../app/group';
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
        const current = await turn.deps.app.store.loadGroup(group.key);
        return current && groupCard(current.value.language, current.value);
      },
      (newId) => recordGroupCard(turn.deps.app, turn.actor, newId),
    );
  }
  const id = existing ?? (await turn.deps.outbox.postCard(turn.context, groupCard(group.language, group)));
  if (id && id !== group.groupCardId) await recordGroupCard(turn.deps.app, turn.actor, id);
}

function stringsOf(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The setup card for whoever asked (pre-filled with the current settings for a coordinator). */
export async function openSetup(turn: Turn): Promise<Reply> {
  const lang = await turn.language();
  const group = await turn.deps.app.store.loadGroup(turn.actor.groupKey).catch(() => undefined);
  return cardReply(setupCard(lang, group?.value ?? {}, {}, '', await revealFixed(turn, group?.value)));
}

/** True when the group answered anonymously: the setup card then shows the reveal mode read-only. */
async function revealFixed(turn: Turn, group: Group | undefined): Promise<boolean> {
  return group?.revealMode === 'anonymous' && (await hasAnswers(turn.deps.app, turn.actor));
}

/** Saves the setup card: creates the group or updates its settings. */
export const setup: ActionHandler = async (turn, data) => {
  const outcome = await setupGroup(turn.deps.app, turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal !== 'invalidForm') return refusalReply(turn, outcome);
    const values = stringsOf(data);
    const group = (await turn.deps.app.store.loadGroup(turn.actor.groupKey))?.value;
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
  const outcome = await joinGroup(turn.deps.app, turn.actor, data);
  if (!outcome.ok) {
    if (outcome.refusal !== 'invalidForm') return refusalReply(turn, outcome);
    const lang = await turn.language();
    const group = await turn.deps.app.store.loadGroup(turn.actor.groupKey);
    return cardReply(groupCard(lang, group?.value, { problem: t(lang, 'join.problems') }));
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
  const outcome = await leaveGroup(turn.deps.app, turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { group } = outcome.value;
  await showGroupCard(turn, group);
  return cardReply(groupCard(group.language, group, { notice: t(group.language, 'leave.done') }));
};
