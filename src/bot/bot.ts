import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { groupCard } from '../cards/group-card';
import { helpCard } from '../cards/help-card';
import { showGroupCard } from './shared-cards';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { StorageUnavailableError } from '../domain/snapshot';
import { botUninstalled, chatMembersRemoved, isRemoval } from './chat-members';
import { cardData } from './card-data';
import { ConversationGoneError, SendGaveUpError } from './outbox/connector-errors';
import { RecentResults } from './recent';
import type { Reply } from './reply';
import { parseCommand } from './commands';
import { mentionMessage } from './mentions';
import { routeAction, routeCommand } from './router';
import { cardActivity } from './outbox/sends';
import { submitAnswer } from './reply-target';
import { isRepeatable } from './handlers';
import type { Actor } from '../app';
import { actorOf, makeTurn, type BotDeps, type Turn } from './turn';

/** Settings the activity handler needs. */
export interface BotSettings {
  defaultLanguage: Language;
  allowedTenants: readonly string[];
}

/** What a turn does once its actor is known: a handler's work, answered with a reply. */
type TurnWork = (turn: Turn) => Promise<Reply>;

const CARD = 'application/vnd.microsoft.card.adaptive';
const DONE: Reply = { kind: 'done', text: '' };
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ERROR = 'application/vnd.microsoft.error';

/** A thin Teams activity handler: derives the actor, routes to handlers, sends their replies. */
export class ErfaringsgruppeBot extends TeamsActivityHandler {
  private readonly recentInvokes = new RecentResults<Promise<InvokeResponse>>(2 * 60_000, 1_000);

  constructor(
    private readonly deps: BotDeps,
    private readonly settings: BotSettings,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      await this.welcome(context, context.activity.membersAdded ?? []);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const removed = context.activity.membersRemoved ?? [];
      await chatMembersRemoved(this.deps, context, removed, this.settings.defaultLanguage);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await botUninstalled(this.deps, context, this.settings.defaultLanguage).catch((err: unknown) =>
        this.deps.log.warn('bot.removed.failed', { error: err }),
      );
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
  }

  /** Drops activities from tenants that are not allowed (logged, no reply). */
  override async run(context: TurnContext): Promise<void> {
    const tenant = context.activity.conversation?.tenantId;
    const allowed = this.settings.allowedTenants;
    if (allowed.length > 0 && (!tenant || !allowed.includes(tenant))) {
      this.deps.log.warn('tenant.refused', { tenant: tenant ?? null, type: context.activity.type });
      return;
    }
    const actor = actorOf(context, this.settings.defaultLanguage);
    if (actor && !isRemoval(context)) await this.deps.watch?.seen(actor);
    await super.run(context);
  }

  /** A re-delivered invoke gets the first delivery's answer; nothing is done twice. Unknown invokes are a 400. */
  protected override onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const key = `${context.activity.conversation?.id}|${context.activity.id}`;
    const first = context.activity.id ? this.recentInvokes.get(key) : undefined;
    if (first) {
      this.deps.log.info('activity.duplicate', { activity: context.activity.id, type: 'invoke' });
      return first;
    }
    const response = super.onInvokeActivity(context).then((r) =>
      r.status === 501
        ? {
            status: 400,
            body: { code: 'NotSupported', message: `unsupported invoke: ${context.activity.name}` },
          }
        : r,
    );
    if (context.activity.id) this.recentInvokes.set(key, response);
    return response;
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = cardData(invokeValue.action?.data);
    const verb = invokeValue.action?.verb ?? data.verb;
    let handled: Turn | undefined;
    const reply = await this.runAndLog(
      context,
      `verb:${typeof verb === 'string' ? verb.slice(0, 40) : '?'}`,
      async (turn) => {
        handled = turn;
        return !isRepeatable(verb) && (await this.isRedelivery(turn))
          ? { kind: 'done', text: t(await turn.language(), 'refusal.duplicate') }
          : routeAction(turn, verb, data);
      },
    );
    if (reply.kind === 'card') return { statusCode: 200, type: CARD, value: reply.card.card };
    if (reply.kind === 'message' || reply.kind === 'done') {
      // Teams shows "Unable to reach app" for an empty answer, and sends the click again.
      const text = reply.text || t(await this.languageOf(context, handled), 'action.done');
      return { statusCode: 200, type: MESSAGE, value: text as unknown as Record<string, unknown> };
    }
    return { statusCode: 400, type: ERROR, value: { code: 'BadRequest', message: reply.text } };
  }

  /** The language to answer in: the group's, or the person's in a personal chat (the turn's, when it knows it). */
  private async languageOf(context: TurnContext, turn?: Turn): Promise<Language> {
    if (turn) return turn.language();
    const actor = actorOf(context, this.settings.defaultLanguage);
    return actor ? makeTurn(context, actor, this.deps).language() : this.settings.defaultLanguage;
  }

  /** The bot was added: a group chat gets the welcome card (or, re-added, its group's card); a personal chat gets help. */
  private async welcome(context: TurnContext, added: ChannelAccount[]): Promise<void> {
    const actor = actorOf(context, this.settings.defaultLanguage);
    if (!actor || !added.some((m) => m.id === context.activity.recipient.id)) return;
    try {
      if (actor.chat === 'personal') {
        await this.deps.outbox.postCard(context, helpCard(actor.language, true));
        return;
      }
      const group = await this.deps.app.welcomeBack(actor);
      if (!group) await this.deps.outbox.postCard(context, groupCard(actor.language, undefined));
      else await showGroupCard(makeTurn(context, actor, this.deps), { ...group, groupCardId: undefined });
    } catch (err) {
      this.deps.log.warn('welcome.failed', { error: err });
    }
  }

  private async message(context: TurnContext): Promise<void> {
    const value = cardData(context.activity.value);
    const isSubmit = typeof value.verb === 'string';
    const text = context.activity.text ?? '';
    if (!isSubmit && !text.trim()) return;
    const command = isSubmit ? undefined : parseCommand(text);
    const what = isSubmit
      ? `verb:${String(value.verb).slice(0, 40)}`
      : `command:${command?.name ?? 'unknown'}`;
    const failure = await this.runAndLog(context, what, async (turn) => {
      if (await this.isRedelivery(turn)) return DONE;
      const reply = isSubmit ? await routeAction(turn, value.verb, value) : await routeCommand(turn, command);
      const answer = isSubmit ? submitAnswer(turn, value, reply) : { reply };
      this.deliver(context, answer.reply, what, answer.replaces);
      return DONE;
    });
    if (failure.kind !== 'done') this.deliver(context, failure, what);
  }

  /** Hands a reply to the outbox, sent after the turn: a card replaces the clicked card (`replaces`) or is posted. */
  private deliver(context: TurnContext, reply: Reply, what: string, replaces?: string): void {
    const key = `${context.activity.from?.id}|${what}`;
    const outbox = this.deps.outbox;
    if (reply.kind === 'card' && replaces)
      outbox.reply(context, `card|${replaces}`, cardActivity(reply.card), replaces);
    else if (reply.kind === 'card')
      outbox.reply(context, key, cardActivity(reply.card), undefined, reply.posted);
    else if (reply.kind === 'message' && reply.mentions?.length)
      outbox.reply(context, key, mentionMessage(reply.text, reply.mentions));
    else if (reply.kind !== 'done')
      outbox.reply(context, key, { type: 'message', text: reply.text, textFormat: 'markdown' });
  }

  /** True when this activity was already taken on (possibly by another instance of the bot). */
  private async isRedelivery(turn: Turn): Promise<boolean> {
    const id = turn.context.activity.id;
    if (!id || (await turn.deps.app.claimActivity(turn.actor, id))) return false;
    this.deps.log.info('activity.duplicate', { activity: id, type: turn.context.activity.type });
    return true;
  }

  /**
   * Runs a handler; an unexpected failure becomes a polite message, never a stack trace. Logs one
   * line per turn: ids, what was asked (a verb or command name — never the text) and the outcome.
   */
  private async runAndLog(context: TurnContext, what: string, run: TurnWork): Promise<Reply> {
    const started = Date.now();
    const actor = actorOf(context, this.settings.defaultLanguage);
    const reply = actor
      ? await this.attempt(context, actor, run)
      : { kind: 'badRequest' as const, text: t(this.settings.defaultLanguage, 'refusal.invalidInput') };
    this.deps.log.info('turn', {
      conversation: context.activity.conversation?.id,
      activity: context.activity.id,
      type: context.activity.type,
      what,
      outcome: reply.kind,
      ms: Date.now() - started,
    });
    return reply;
  }

  private async attempt(context: TurnContext, actor: Actor, run: TurnWork): Promise<Reply> {
    // Counted while it runs, so `slet gruppe` can sweep again once the group's turns are done.
    const leave = this.deps.app.enterTurn(actor.groupKey);
    try {
      return await run(makeTurn(context, actor, this.deps));
    } catch (err) {
      const lang = actor.language;
      if (err instanceof ConversationGoneError) {
        this.deps.log.warn('conversation.gone', {
          conversation: context.activity.conversation?.id,
          status: err.status,
          code: err.code,
        });
        await this.deps.app.markInactive(actor, err.status, err.code).catch(() => undefined);
        this.deps.watch?.forget(actor.groupKey);
        return { kind: 'done', text: t(lang, 'refusal.conversationGone') };
      }
      if (err instanceof SendGaveUpError) {
        // Teams keeps refusing sends into this chat: a failure message would only be refused too.
        this.deps.log.warn('turn.sendGaveUp', { status: err.status, attempts: err.attempts });
        return { kind: 'done', text: t(lang, 'refusal.teamsBusy') };
      }
      if (err instanceof StorageUnavailableError) {
        this.deps.log.warn('storage.unavailable', { error: err.message });
        return { kind: 'message', text: t(lang, 'refusal.storageUnavailable') };
      }
      this.deps.log.error('turn.failed', { error: err, type: context.activity.type });
      return { kind: 'message', text: t(lang, 'refusal.unexpected') };
    } finally {
      leave?.();
    }
  }
}
