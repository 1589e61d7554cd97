/** How a handler's reply leaves the bot: as a message turn's outbox send, or as an invoke's answer. */
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Language } from '../domain/types';
import { t } from '../i18n';
import { mentionMessage } from './mentions';
import type { Outbox } from './outbox/outbox';
import { cardActivity } from './outbox/sends';
import type { Reply } from './reply';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ERROR = 'application/vnd.microsoft.error';

/** Hands a reply to the outbox, sent after the turn: a card replaces the clicked card (`replaces`) or is posted. */
export function deliver(
  outbox: Outbox,
  context: TurnContext,
  reply: Reply,
  what: string,
  replaces?: string,
): void {
  const key = `${context.activity.from?.id}|${what}`;
  if (reply.kind === 'card' && replaces)
    outbox.reply(context, `card|${replaces}`, cardActivity(reply.card), replaces);
  else if (reply.kind === 'card')
    outbox.reply(context, key, cardActivity(reply.card), undefined, reply.posted);
  else if (reply.kind === 'message' && reply.mentions?.length)
    outbox.reply(context, key, mentionMessage(reply.text, reply.mentions));
  else if (reply.kind !== 'done') {
    // A refusal (or any message with people's text in it) is plain: names show as typed, unescaped.
    const textFormat = reply.plain ? 'plain' : 'markdown';
    outbox.reply(context, key, { type: 'message', text: reply.text, textFormat });
  }
}

/**
 * An invoke's answer to a reply: the card itself, a message (never empty: Teams shows "Unable to
 * reach app" for an empty answer, and sends the click again), or a 400 with the refusal.
 */
export async function invokeResponse(
  reply: Reply,
  language: () => Promise<Language>,
): Promise<AdaptiveCardInvokeResponse> {
  if (reply.kind === 'card') return { statusCode: 200, type: CARD, value: reply.card.card };
  if (reply.kind === 'message' || reply.kind === 'done') {
    const text = reply.text || t(await language(), 'action.done');
    return { statusCode: 200, type: MESSAGE, value: text as unknown as Record<string, unknown> };
  }
  return { statusCode: 400, type: ERROR, value: { code: 'BadRequest', message: reply.text } };
}
