import { isVerb, VERBS, type Verb } from '../app';
import { doneReply, type Reply } from './reply';
import type { Turn } from './turn';

/**
 * An Action.Submit answer (older clients): a message in the chat, never an invoke response. In a
 * personal chat it replaces whatever was clicked (only the person sees it). In a group chat the
 * answer to a verb that changes a shared card is the clicker's own view of it (their role's
 * buttons, the coordinator's names) and is not sent at all: the verb updates the base card for
 * everyone. Any other answer (a form, a confirmation) is posted as a reply and replaces nothing —
 * a crafted `replyToId` naming a card the chat shares changes nothing for the others.
 */
export function submitAnswer(
  turn: Turn,
  data: Record<string, unknown>,
  reply: Reply,
): { reply: Reply; replaces?: string } {
  const clicked = turn.context.activity.replyToId;
  if (reply.kind !== 'card') return { reply };
  if (turn.actor.chat === 'personal') return { reply, replaces: clicked };
  const verb = data.verb as Verb;
  const ownView = PERSONAL_VIEWS.has(verb) || (isVerb(verb) && 'refreshes' in VERBS[verb]);
  return ownView ? { reply: doneReply('') } : { reply };
}

/** Verbs whose answer is the clicker's view of a shared card without refreshing it for everyone. */
const PERSONAL_VIEWS = new Set<Verb>(['refresh', 'chooseProject']);
