/**
 * The card verbs' contract (docs/card-actions.md): each verb is declared once, next to its use case
 * of the same name, with who may use it and which shared card it changes. `verbs.ts` gathers them;
 * the bot's handlers, the cards' actions and the docs' table are checked against the gathering.
 */
import type { Group } from '../domain/types';
import type { Actor, AppDeps } from './context';
import type { InvitationView } from './invitation';
import type { MeetingView } from './meeting-view';
import type { ProjectView } from './project';
import type { Posts } from './outbox';
import type { Outcome } from './result';
import type { Input } from './use-case';

/**
 * Who may use a verb: anyone in the chat, its members, its coordinators, both (`participant`), the
 * person who opened the setup before there is a group (then a coordinator), or the person themself
 * in a personal chat.
 */
export type Who = 'anyone' | 'member' | 'coordinator' | 'participant' | 'founder' | 'personal';

/** What each shared card (seen by everyone in the chat, updated in place) is rendered from. */
export interface SharedViews {
  groupCard: { group: Group; created?: boolean };
  invitation: InvitationView;
  meetingStatus: MeetingView;
  conclusion: ProjectView;
  projectVote: ProjectView;
}

/** A shared card a verb may change. */
export type SharedCard = keyof SharedViews;

/**
 * The use case behind a verb: the card's (or the command's) input in, a view or a refusal out. A
 * step that posts cards takes `posts`: the bot renders the cards from the step's view, and the
 * step commits them with its change (app/outbox.ts).
 */
export type VerbUseCase<V = unknown> = (
  deps: AppDeps,
  actor: Actor,
  input: Input,
  posts?: Posts<V>,
) => Promise<Outcome<V>>;

/** One verb's declaration. */
export interface VerbSpec {
  who: Who;
  /** The shared card the verb changes: it is refreshed for everyone after the turn. */
  refreshes?: SharedCard;
  /** True when a repeat is harmless by construction (one row per person, nothing posted): no re-delivery claim. */
  repeatable: boolean;
  /**
   * True when the clicker is only told that it is noted (the message `done.<verb>`): then the bot's
   * standard handler answers it, and the verb needs no handler of its own.
   */
  notice?: boolean;
  /** The use case; its name is the verb's. */
  run: VerbUseCase;
}

/** The view a verb's use case returns. */
export type ViewOf<S> = S extends { run: VerbUseCase<infer V> } ? V : never;

/** A declaration whose use case returns what its shared card is rendered from (else `never`: a type error). */
type Fitting<S> = S extends { refreshes: infer C extends SharedCard }
  ? ViewOf<S> extends SharedViews[C]
    ? S
    : never
  : S;

/** Declares a feature's verbs (by name); `tsc` refuses one whose view does not fit the card it refreshes. */
export function declareVerbs<const T extends { [V in keyof T]: VerbSpec & Fitting<T[V]> }>(verbs: T): T {
  return verbs;
}
