import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { botUninstalled, chatMembersRemoved, isRemoval } from './chat-members';
import { cardData } from './card-data';
import { RecentResults } from './recent';
import type { Reply } from './reply';
import { parseCommand } from './commands';
import { routeAction, routeCommand } from './router';
import { submitAnswer } from './reply-target';
import { isRepeatable } from './handlers';
import { deliver, invokeResponse } from './reply-delivery';
import { isRedelivery, runAndLog, type TurnWork } from './turn-runner';
import { actorOf, makeTurn, type BotDeps, type Turn } from './turn';
import { welcome } from './welcome';

/** Settings the activity handler needs. */
export interface BotSettings {
  defaultLanguage: Language;
  allowedTenants: readonly string[];
}

const DONE: Reply = { kind: 'done', text: '' };

/** A thin Teams activity handler: derives the actor, routes to handlers, sends their replies. */
export class ErfaringsgruppeBot extends TeamsActivityHandler {
  private readonly recentInvokes = new RecentResults<Promise<InvokeResponse>>(2 * 60_000, 1_000);

  constructor(
    private readonly deps: BotDeps,
    private readonly settings: BotSettings,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      await welcome(this.deps, this.settings.defaultLanguage, context, context.activity.membersAdded ?? []);
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

  /** A card click (`Action.Execute`, also a refresh): routed to its verb, answered in the invoke's response. */
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
        return !isRepeatable(verb) && (await isRedelivery(turn))
          ? { kind: 'done', text: t(await turn.language(), 'refusal.duplicate') }
          : routeAction(turn, verb, data);
      },
    );
    return invokeResponse(reply, () => this.languageOf(context, handled));
  }

  /** The language to answer in: the group's, or the person's in a personal chat (the turn's, when it knows it). */
  private async languageOf(context: TurnContext, turn?: Turn): Promise<Language> {
    if (turn) return turn.language();
    const actor = actorOf(context, this.settings.defaultLanguage);
    return actor ? makeTurn(context, actor, this.deps).language() : this.settings.defaultLanguage;
  }

  /** A typed command or an older client's card submit: handled, then answered through the outbox. */
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
      if (await isRedelivery(turn)) return DONE;
      const reply = isSubmit ? await routeAction(turn, value.verb, value) : await routeCommand(turn, command);
      const answer = isSubmit ? submitAnswer(turn, value, reply) : { reply };
      deliver(this.deps.outbox, context, answer.reply, what, answer.replaces);
      return DONE;
    });
    if (failure.kind !== 'done') deliver(this.deps.outbox, context, failure, what);
  }

  /** Runs a turn's work for this bot's dependencies (see `turn-runner.ts`). */
  private runAndLog(context: TurnContext, what: string, run: TurnWork): Promise<Reply> {
    return runAndLog(this.deps, this.settings.defaultLanguage, context, what, run);
  }
}
