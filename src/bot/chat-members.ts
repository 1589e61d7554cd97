import type { ChannelAccount, TurnContext } from 'botbuilder';
import type { Language } from '../domain/types';
import { showShared } from './shared-refresh';
import { actorOf, makeTurn, type BotDeps } from './turn';

/** True for an activity that says the bot itself left the chat (nothing from the chat can follow it). */
export function isRemoval(context: TurnContext): boolean {
  const a = context.activity;
  if (a.type === 'installationUpdate') return a.action === 'remove' || a.action === 'remove-upgrade';
  return (a.membersRemoved ?? []).some((m) => m.id === a.recipient?.id);
}

/**
 * People left the chat (`conversationUpdate.membersRemoved`, by their `29:` ids only): they leave
 * the group — their answers stay — and the group card shows the new roster and composition advice.
 * The bot itself removed: reminders stop until it is added again.
 */
export async function chatMembersRemoved(
  deps: BotDeps,
  context: TurnContext,
  removed: readonly ChannelAccount[],
  defaultLanguage: Language,
): Promise<void> {
  const actor = actorOf(context, defaultLanguage);
  if (!actor || actor.chat === 'personal') return;
  try {
    if (isRemoval(context)) {
      await botUninstalled(deps, context, defaultLanguage);
      return;
    }
    const outcome = await deps.app.membersLeftChat(
      actor,
      removed.map((m) => m.id),
    );
    if (!outcome.ok || !outcome.value?.removed.length) return;
    deps.log.info('members.left', { group: actor.groupKey, count: outcome.value.removed.length });
    await showShared(makeTurn(context, actor, deps), 'groupCard', { group: outcome.value.group });
  } catch (err) {
    deps.log.warn('members.left.failed', { error: err });
  }
}

/** The bot was uninstalled from the chat: the group is marked inactive, so no reminders go out. */
export async function botUninstalled(
  deps: BotDeps,
  context: TurnContext,
  defaultLanguage: Language,
): Promise<void> {
  const actor = actorOf(context, defaultLanguage);
  if (!actor || actor.chat === 'personal') return;
  await deps.app.botRemoved(actor);
  deps.watch?.forget(actor.groupKey);
  deps.log.info('bot.removed', { group: actor.groupKey });
}
