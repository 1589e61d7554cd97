import type { Verb } from '../app/verbs';
import type { SharedCard } from '../app/verb';

/**
 * A button that sends a card verb: an `Action.Execute` whose data repeat the verb for clients
 * that fall back to `Action.Submit` (docs/card-actions.md). The only place a card writes a verb.
 */
export interface VerbAction {
  type: 'Action.Execute';
  title: string;
  verb: Verb;
  data: { verb: Verb } & Record<string, string | number>;
  style?: 'destructive';
}

/** The button for `verb` with its card data (a template splices it in as `"${name}"`). */
export function execute(
  verb: Verb,
  title: string,
  data: Record<string, string | number> = {},
  style?: 'destructive',
): VerbAction {
  return { type: 'Action.Execute', title, verb, data: { verb, ...data }, ...(style ? { style } : {}) };
}

/** Which shared card a refresh asks for again: its kind and, for a meeting's cards, the meeting. */
export interface CardRef {
  card: SharedCard;
  meeting?: number;
}

/** A card's Universal Actions refresh: the listed people's clients ask for their own view of it. */
export interface Refresh {
  action: VerbAction;
  userIds: string[];
}

/** The button on a base card that returns the clicker's own view (for clients that do not refresh). */
export function ownViewButton(title: string, ref: CardRef): VerbAction {
  return execute('refresh', title, refData(ref));
}

/**
 * `card` with a refresh for `userIds` (the group's people, User-Specific-Views.md): Teams asks the
 * bot for each listed person's view whenever the card is shown or changed. No one listed: no refresh.
 */
export function withRefresh<C extends object>(card: C, ref: CardRef, title: string, userIds: string[]): C {
  if (userIds.length === 0) return card;
  const refresh: Refresh = { action: execute('refresh', title, refData(ref)), userIds };
  return { ...card, refresh };
}

function refData(ref: CardRef): Record<string, string | number> {
  return ref.meeting === undefined ? { card: ref.card } : { card: ref.card, meeting: ref.meeting };
}
