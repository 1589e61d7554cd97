import { TurnContext } from 'botbuilder';
import type { Actor, AppDeps } from '../app/context';
import type { ConversationRef, Group, Language, Meeting } from '../domain/types';
import { cleanName } from '../domain/input';
import { languageOf } from '../i18n';
import type { Logger } from '../log';
import { groupKeyOf } from '../store/keys';
import type { ConversationWatch } from './conversation-watch';
import type { RosterDirectory } from './roster';
import type { OverviewLink } from '../cards/overview-action';
import type { Outbox } from './outbox';

/** What every handler gets besides the card data. */
export interface BotDeps {
  app: AppDeps;
  outbox: Outbox;
  log: Logger;
  /** The "Åbn overblik" link of a group (a Teams deep link, or a signed local link). */
  overviewLink?: (group: Group) => Promise<OverviewLink | undefined>;
  /** The invitation's Teams-meeting (with attendees' sign-in names) and calendar links. */
  meetingLinks?: (
    group: Group,
    meeting: Meeting,
    attendees: string[],
  ) => Promise<{ teamsMeeting: string; calendar: string }>;
  /** The chats' rosters (sign-in names), read from Teams and cached briefly. */
  roster?: RosterDirectory;
  /** Keeps each group's stored conversation reference current from its chat's activities. */
  watch?: ConversationWatch;
}

/** One incoming activity, with the actor derived from it. */
export interface Turn {
  context: TurnContext;
  actor: Actor;
  deps: BotDeps;
  /** The language to answer this person in: the group's once it has one. */
  language(): Promise<Language>;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  channel?: { id?: string };
}

/** The conversation a group belongs to: a channel (not one of its threads) or the chat itself. */
function conversationOf(context: TurnContext): string {
  const channelData = (context.activity.channelData ?? {}) as TeamsChannelData;
  return channelData.channel?.id ?? context.activity.conversation.id;
}

/** The acting user, or undefined when the activity carries no usable identity. */
export function actorOf(context: TurnContext, defaultLanguage: Language): Actor | undefined {
  const a = context.activity;
  const channelData = (a.channelData ?? {}) as TeamsChannelData;
  const userId = a.from?.aadObjectId ?? a.from?.id;
  if (!userId) return undefined;
  const tenantId = a.conversation.tenantId ?? channelData.tenant?.id ?? 'local';
  const type = a.conversation.conversationType;
  const chat = type === 'personal' ? 'personal' : type === 'channel' ? 'channel' : 'group';
  return {
    tenantId,
    groupKey: groupKeyOf(tenantId, conversationOf(context)),
    userId,
    ...(a.from.id && a.from.id !== userId ? { chatId: a.from.id } : {}),
    name: cleanName(a.from.name ?? '') || userId,
    language: chat === 'personal' ? languageOf(a.locale, defaultLanguage) : defaultLanguage,
    chat,
    conversation: TurnContext.getConversationReference(a) as unknown as ConversationRef,
  };
}

/** Builds the turn; the group's language is looked up only when an answer needs it. */
export function makeTurn(context: TurnContext, actor: Actor, deps: BotDeps): Turn {
  let cached: Language | undefined;
  return {
    context,
    actor,
    deps,
    async language() {
      if (cached) return cached;
      try {
        const group = actor.chat === 'personal' ? undefined : await deps.app.store.loadGroup(actor.groupKey);
        cached = group?.value.language ?? actor.language;
      } catch {
        cached = actor.language;
      }
      return cached;
    },
  };
}
