/**
 * Handler factories: "someone acts, the shared card refreshes, the clicker gets their answer" is
 * one declaration per verb, not a copy of the steps.
 */
import type { Outcome, Refused } from '../app/result';
import type { Posts } from '../app/outbox';
import type { Input } from '../app/use-case';
import { VERBS } from '../app';
import type { VerbSpec } from '../app/verb';
import type { NoticeVerb, SpecOf, Verb, ViewOf } from '../app/verbs';
import { t } from '../i18n';
import { doneReply, refusalReply, type Reply } from './reply';
import { showShared } from './shared-refresh';
import type { Turn } from './turn';

/** Answers a card verb or a chat command: `input` is the card's untrusted data (or the command's argument as `meeting`). */
export type Handler = (turn: Turn, input: Input) => Promise<Reply>;

/** What verb V's use case gives when it succeeds. */
export type VerbView<V extends Verb> = ViewOf<SpecOf<V>>;

/** How a handler answers some refusals itself (e.g. a form shown again with its problems); undefined: the polite message. */
type OnRefused = (turn: Turn, refused: Refused, input: Input) => Promise<Reply | undefined>;

/**
 * Runs verb V's use case for the turn: its view, or the reply to a refusal (in the language the
 * use case knew when it refused; `onRefused` may answer some refusals itself).
 */
export async function perform<V extends Verb>(
  verb: V,
  turn: Turn,
  input: Input,
  onRefused?: OnRefused,
  posts?: Posts<VerbView<V>>,
): Promise<{ view: VerbView<V>; committed: boolean } | { reply: Reply }> {
  const run = turn.deps.app[verb] as (
    actor: Turn['actor'],
    input: Input,
    posts?: Posts<VerbView<V>>,
  ) => Promise<Outcome<VerbView<V>>>;
  let committed = false;
  const counted =
    posts &&
    ((view: VerbView<V>) => {
      const cards = posts(view);
      committed = cards.length > 0;
      return cards;
    });
  const outcome = await run(turn.actor, input, counted);
  turn.remember(outcome.language);
  // The step's cards are in the durable outbox: they go out after this turn, which answers at once.
  if (committed) turn.deps.steps?.kick(turn.actor.tenantId, turn.actor.groupKey);
  if (outcome.ok) return { view: outcome.value, committed };
  return { reply: (await onRefused?.(turn, outcome, input)) ?? (await refusalReply(turn, outcome)) };
}

/**
 * The handler of verb V: runs its use case, shows the shared card the registry says it changes to
 * everyone (after the turn), and answers the clicker with `reply`. A step that posts cards names
 * them with `posts`: they are committed with the step and posted from the outbox after the turn.
 */
export function act<V extends Verb>(
  verb: V,
  reply: (turn: Turn, view: VerbView<V>, input: Input) => Reply | Promise<Reply>,
  onRefused?: OnRefused,
  posts?: (turn: Turn) => Posts<VerbView<V>>,
): Handler {
  return async (turn, input) => {
    const since = turn.deps.outbox.mark();
    const done = await perform(verb, turn, input, onRefused, posts?.(turn));
    if ('reply' in done) return done.reply;
    // A shared card the step committed to the outbox is posted from there, not again here.
    const shared = (VERBS[verb] as VerbSpec).refreshes;
    if (shared && !done.committed) await showShared(turn, shared, done.view as never, since);
    return reply(turn, done.view, input);
  };
}

/** The standard handler of a verb that only tells the clicker it is noted (the message `done.<verb>`). */
export function noticeHandler(verb: NoticeVerb): Handler {
  return act(verb, async (turn) => doneReply(t(await turn.language(), `done.${verb}`)));
}
