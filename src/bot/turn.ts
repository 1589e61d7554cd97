import { TurnContext } from 'botbuilder';
import type { Actor, App } from '../app';
import type { ConversationRef, Group, Language, Meeting } from '../domain/types';
import { clickTime } from '../domain/clicks';
import { cleanName } from '../domain/input';
import { languageOf } from '../i18n';
import { commandLanguage } from './commands';
import type { Logger } from '../log';
import { groupKeyOf } from '../domain/conversation';
import type { ConversationWatch } from './conversation-watch';
import type { RosterDirectory } from './roster';
import type { OverviewLink } from '../cards/overview-action';
import type { StepDispatcher } from './outbox/dispatcher';
import type { Outbox } from './outbox/outbox';

/** What every handler gets besides the card data. */
export interface BotDeps {
  app: App;
  outbox: Outbox;
  log: Logger;
  /** The "Åbn overblik" link of a group for the asker (a Teams deep link, or a signed local link). */
  overviewLink?: (group: Group, asker: string) => Promise<OverviewLink | undefined>;
  /** The invitation's Teams-meeting (with attendees' sign-in names) and calendar links. */
  meetingLinks?: (
    group: Group,
    meeting: Meeting,
    attendees: string[],
  ) => Promise<{ teamsMeeting: string; calendar: string }>;
  /** The deep link to the bot's personal chat in a tenant (Teams only; none in local mode). */
  personalChat?: (tenantId: string) => string;
  /** The chats' rosters (sign-in names), read from Teams and cached briefly. */
  roster?: RosterDirectory;
  /** Keeps each group's stored conversation reference current from its chat's activities. */
  watch?: ConversationWatch;
  /** Posts the cards that steps committed to the durable outbox, after their turns. */
  steps?: StepDispatcher;
}

/** One incoming activity, with the actor derived from it. */
export interface Turn {
  context: TurnContext;
  actor: Actor;
  deps: BotDeps;
  /** The language to answer this person in: the group's once it has one. */
  language(): Promise<Language>;
  /** Remembers the group's language from a view the turn's use case returned (no second read). */
  remember(language: Language | undefined): void;
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

const ACTOR = Symbol('actor');

/** The acting user, or undefined when the activity carries no usable identity (derived once per turn). */
export function actorOf(context: TurnContext, defaultLanguage: Language): Actor | undefined {
  if (!context.turnState.has(ACTOR)) context.turnState.set(ACTOR, deriveActor(context, defaultLanguage));
  return context.turnState.get(ACTOR) as Actor | undefined;
}

function deriveActor(context: TurnContext, defaultLanguage: Language): Actor | undefined {
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
    // Until a group has a language: the command's (or the clicked button's), else the person's Teams locale.
    language:
      (a.type === 'message' ? commandLanguage(a.text ?? '') : buttonLanguage(a.value)) ??
      languageOf(a.locale, defaultLanguage),
    chat,
    conversation: TurnContext.getConversationReference(a) as unknown as ConversationRef,
    // Teams' time as it sent it (http-turn.ts keeps the text beside the parsed date).
    clickedAt: clickTime((a as { rawTimestamp?: unknown }).rawTimestamp),
  };
}

/**
 * The language a clicked button was made in (`lang` in its data), for a click before the group has
 * a language: the setup button that answers a typed `opret` opens the form in the command's language.
 */
function buttonLanguage(value: unknown): Language | undefined {
  const v = value as { action?: { data?: { lang?: unknown } }; lang?: unknown } | undefined;
  const lang = v?.action?.data?.lang ?? v?.lang;
  return lang === 'da' || lang === 'en' ? lang : undefined;
}

/** Builds the turn; the group's language is asked for only when an answer needs it and no use case told it. */
export function makeTurn(context: TurnContext, actor: Actor, deps: BotDeps): Turn {
  let known: Language | undefined;
  return {
    context,
    actor,
    deps,
    async language() {
      known ??= await deps.app.languageFor(actor);
      return known;
    },
    remember(language) {
      if (language && actor.chat !== 'personal') known = language;
    },
  };
}
