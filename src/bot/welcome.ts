import type { ChannelAccount, TurnContext } from 'botbuilder';
import { groupCard } from '../cards/group-card';
import { helpCard } from '../cards/help-card';
import type { Language } from '../domain/types';
import { showGroupCard } from './shared-cards';
import { actorOf, makeTurn, type BotDeps } from './turn';

/** The bot was added: a group chat gets the welcome card (or, re-added, its group's card); a personal chat gets help. */
export async function welcome(
  deps: BotDeps,
  defaultLanguage: Language,
  context: TurnContext,
  added: ChannelAccount[],
): Promise<void> {
  const actor = actorOf(context, defaultLanguage);
  if (!actor || !added.some((m) => m.id === context.activity.recipient.id)) return;
  try {
    if (actor.chat === 'personal') {
      await deps.outbox.postCard(context, helpCard(actor.language, true));
      return;
    }
    const group = await deps.app.welcomeBack(actor);
    if (!group) await deps.outbox.postCard(context, groupCard(actor.language, undefined));
    else await showGroupCard(makeTurn(context, actor, deps), { ...group, groupCardId: undefined });
  } catch (err) {
    deps.log.warn('welcome.failed', { error: err });
  }
}
