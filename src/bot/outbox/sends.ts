/** What the outbox sends and how it reaches a conversation after a turn. */
import { CardFactory, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { RenderedCard } from '../../cards/render';
import type { Timer } from './pacer';

/**
 * What a turn already knows of a card's state: the card rendered from the view the turn read and
 * wrote, and `since`, the outbox's `mark()` taken before the turn read. The refresh sends it instead
 * of reading the state again when no other refresh in the conversation was asked for since that mark.
 */
export interface KnownCard {
  since: number;
  render: () => RenderedCard | undefined;
}

/** The message activity that carries a card. */
export function cardActivity(rendered: RenderedCard): Partial<Activity> {
  return {
    type: 'message',
    summary: rendered.summary,
    attachments: [CardFactory.adaptiveCard(rendered.card)],
  };
}

/** Runs `logic` with a fresh turn context for a conversation (a turn's own context dies with the turn). */
export type ContinueConversation = (
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/** What the outbox needs besides a logger: how to reach a conversation after a turn, and whom to tell it is gone. */
export interface OutboxOptions {
  timer?: Timer;
  continueConversation?: ContinueConversation;
  onConversationGone?: (
    reference: Partial<ConversationReference>,
    status: number,
    code: string,
  ) => Promise<void>;
  /** Keeps the id of a card posted in a group's chat that shows answers (a deletion replaces it). */
  recordPosted?: (posted: { groupKey: string; meeting?: number }, activityId: string) => Promise<unknown>;
}
