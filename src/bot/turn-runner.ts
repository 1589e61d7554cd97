/**
 * Runs one turn's work for the bot: claims the activity once, counts the group's running turns,
 * turns an unexpected failure into a polite message (never a stack trace) and logs one line per turn.
 */
import type { TurnContext } from 'botbuilder';
import type { Actor } from '../app';
import { StorageUnavailableError } from '../domain/snapshot';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { ConversationGoneError, SendGaveUpError } from './outbox/connector-errors';
import { refusedReply, type Reply } from './reply';
import { actorOf, makeTurn, type BotDeps, type Turn } from './turn';

/** What a turn does once its actor is known: a handler's work, answered with a reply. */
export type TurnWork = (turn: Turn) => Promise<Reply>;

/** True when this activity was already taken on (possibly by another instance of the bot). */
export async function isRedelivery(turn: Turn): Promise<boolean> {
  const id = turn.context.activity.id;
  if (!id || (await turn.deps.app.claimActivity(turn.actor, id))) return false;
  turn.deps.log.info('activity.duplicate', { activity: id, type: turn.context.activity.type });
  return true;
}

/**
 * Runs a handler; an unexpected failure becomes a polite message, never a stack trace. Logs one
 * line per turn: ids, what was asked (a verb or command name — never the text) and the outcome.
 */
export async function runAndLog(
  deps: BotDeps,
  defaultLanguage: Language,
  context: TurnContext,
  what: string,
  run: TurnWork,
): Promise<Reply> {
  const started = Date.now();
  const actor = actorOf(context, defaultLanguage);
  const reply = actor
    ? await attempt(deps, context, actor, run)
    : refusedReply(t(defaultLanguage, 'refusal.invalidInput'), true);
  deps.log.info('turn', {
    conversation: context.activity.conversation?.id,
    activity: context.activity.id,
    type: context.activity.type,
    what,
    outcome: reply.kind,
    ms: Date.now() - started,
  });
  return reply;
}

async function attempt(deps: BotDeps, context: TurnContext, actor: Actor, run: TurnWork): Promise<Reply> {
  // Counted while it runs, so `slet gruppe` can sweep again once the group's turns are done.
  const leave = deps.app.enterTurn(actor.groupKey);
  try {
    return await run(makeTurn(context, actor, deps));
  } catch (err) {
    return await failureReply(deps, context, actor, err);
  } finally {
    leave?.();
  }
}

/** The polite answer to a turn that failed: what happened in words, and what to do (logged, never shown). */
async function failureReply(deps: BotDeps, context: TurnContext, actor: Actor, err: unknown): Promise<Reply> {
  const lang = actor.language;
  if (err instanceof ConversationGoneError) {
    deps.log.warn('conversation.gone', {
      conversation: context.activity.conversation?.id,
      status: err.status,
      code: err.code,
    });
    await deps.app.markInactive(actor, err.status, err.code).catch(() => undefined);
    deps.watch?.forget(actor.groupKey);
    return { kind: 'done', text: t(lang, 'refusal.conversationGone') };
  }
  if (err instanceof SendGaveUpError) {
    // Teams keeps refusing sends into this chat: a failure message would only be refused too.
    deps.log.warn('turn.sendGaveUp', { status: err.status, attempts: err.attempts });
    return { kind: 'done', text: t(lang, 'refusal.teamsBusy') };
  }
  if (err instanceof StorageUnavailableError) {
    deps.log.warn('storage.unavailable', { error: err.message });
    return refusedReply(t(lang, 'refusal.storageUnavailable'));
  }
  deps.log.error('turn.failed', { error: err, type: context.activity.type });
  return refusedReply(t(lang, 'refusal.unexpected'));
}
