/**
 * The durable outbox's vocabulary (docs/storage.md, "The outbox"): what a step posts, what the
 * dispatcher finds still to post, and what one instance hands another to send. Pure data: the
 * store keeps it, the bot sends it, the application decides what goes in.
 */
import type { ConversationRef, Meeting } from './types';

/** The shared cards of a chat, rendered from what is stored when their turn to be sent comes. */
export type SharedCardKind = 'meetingStatus' | 'invitation' | 'groupCard' | 'conclusion' | 'projectVote';

/**
 * Where a posted card's activity id goes once Teams has it: a shared card's id on its meeting or
 * group row, or (`shown`) a card that shows answers or names, kept with its step so a deletion can
 * replace it.
 */
export type CardRole =
  'statusCard' | 'invitationCard' | 'conclusionCard' | 'groupCard' | 'projectVoteCard' | 'shown';

/** One card a step posts: the message activity rendered when the step was taken (JSON), or a shared card. */
export interface OutgoingCard {
  role: CardRole;
  /** The whole message activity as JSON, rendered from the step's view. */
  activity?: string;
  /** A shared card of the group, rendered from storage when it is sent (later changes show). */
  shared?: SharedCardKind;
  /** A message the card replaces in place (the welcome card setup was opened from); posted anew when gone. */
  replaces?: string;
}

/** What the last card of a step writes besides the cards' ids. */
export interface StepFinish {
  /** The meeting whose `unposted` mark the step set: cleared when done, marked failed when Teams refuses. */
  unposted?: { meeting: number; mark: NonNullable<Meeting['unposted']> };
  /** The project vote as the step opened it: its card id is added when posted. */
  projectVote?: { startedAt: string; attempt: number };
}

/** A step to commit: its id (unique per group: a second commit of it fails), and its cards. */
export interface StepCommit {
  id: string;
  tenantId: string;
  meeting?: number;
  conversation: ConversationRef;
  cards: OutgoingCard[];
  finish: StepFinish;
  /**
   * True when committing the same step again is the same step (a shared card's first post: the
   * second save of an invitation before its card is out); false: a second commit is a conflict.
   */
  repeatable?: boolean;
}

/** A committed step whose cards are not all posted yet, as the dispatcher finds it. */
export interface PendingStep extends Omit<StepCommit, 'cards' | 'repeatable'> {
  groupKey: string;
  at: string;
  /** The cards still to post, in order, with their place in the step. */
  cards: { index: number; card: OutgoingCard }[];
  /** Every card's role, by its place. */
  roles: CardRole[];
  /** The ids of the cards already posted, by their place. */
  posted: Record<number, string>;
}

/** Cards posted in a chat that show answers or names (under meeting n, or the whole group's). */
export interface PostedCards {
  meeting?: number;
  ids: string[];
}

/** An instance's claim on sending for a tenant, and the sends it made in the last 30 s (for the next owner). */
export interface Lease {
  owner: string;
  /** Epoch ms until which no one else may take it; 0 when its holder let it go. */
  until: number;
  /** When the owner last renewed it. */
  renewed: number;
  /** Per conversation (its id's hash), its sends in the last 31 s, in tenths of a second before `renewed`. */
  sent: Record<string, number[]>;
}

/** Something handed to the instance that sends for the tenant: a JSON send job, under its row key. */
export interface HandOver {
  key: string;
  job: string;
}

/** What one scan of the outbox table finds for a tenant. */
export interface TenantOutbox {
  tenantId: string;
  lease?: { value: Lease; etag: string };
  /** Groups with a step committed and not yet dispatched. */
  hints: { groupKey: string; etag: string; at: string }[];
  handOvers: (HandOver & { etag: string })[];
}
