import type { Refused } from '../app/result';
import type { RenderedCard } from '../cards/render';
import type { Language, Person } from '../domain/types';
import { t } from '../i18n';
import type { PostedIn } from './outbox/hand-overs';
import type { Turn } from './turn';

/**
 * What a handler answers the person who acted: a card (for a click, it replaces the clicked card
 * in their view), a message, or a refusal of malformed input (400 for invokes). A `plain` message
 * is sent as plain text: what people typed in it (a group's or a person's name) shows as typed.
 */
export type Reply =
  | { kind: 'card'; card: RenderedCard; posted?: PostedIn }
  | { kind: 'message'; text: string; mentions?: Person[]; plain?: boolean }
  | { kind: 'badRequest'; text: string; plain?: boolean }
  | { kind: 'done'; text: string };

/** The work is visible in what was posted; `text` confirms it to a clicker (a command needs no answer). */
export function doneReply(text: string): Reply {
  return { kind: 'done', text };
}

/** A card reply; `posted`: where its activity id is kept when it is posted as a new message (not for a click). */
export function cardReply(card: RenderedCard, posted?: PostedIn): Reply {
  return { kind: 'card', card, posted };
}

/** A message reply; `mentions` are @mentioned (their `<at>name</at>` must be in the text). */
export function messageReply(text: string, mentions?: Person[]): Reply {
  return { kind: 'message', text, mentions };
}

/**
 * A refusal's polite message as a plain-text reply (never markdown, so nothing in it is escaped);
 * `badRequest`: malformed or tampered input (a 400 for an invoke).
 */
export function refusedReply(text: string, badRequest = false): Reply {
  return badRequest ? { kind: 'badRequest', text, plain: true } : { kind: 'message', text, plain: true };
}

/** The polite, specific message for a refusal, with names and other texts people wrote in it as typed. */
function refusalText(lang: Language, outcome: Refused): string {
  const refusal = outcome.refusal === 'invalidForm' ? 'invalidInput' : outcome.refusal;
  return t(lang, `refusal.${refusal}`, outcome.detail ?? {});
}

/**
 * Turns a refusal into a reply in the turn's language; tampered or malformed input is a bad request.
 * A form the handler does not show again (its card cannot have sent it) counts as malformed input.
 */
export async function refusalReply(turn: Turn, refused: Refused): Promise<Reply> {
  turn.remember(refused.language);
  const outcome: Refused =
    refused.refusal === 'invalidForm' ? { ok: false, refusal: 'invalidInput' } : refused;
  const text = refusalText(await turn.language(), outcome);
  return refusedReply(text, outcome.refusal === 'invalidInput' || outcome.refusal === 'meetingNumber');
}
