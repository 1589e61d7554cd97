import type { Verb } from '../app/verbs';

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
