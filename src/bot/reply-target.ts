import type { SharedCards } from '../app/views';
import type { Reply } from './reply';
import type { Turn } from './turn';
import type { Verb } from '../app';

/** Where a verb's button sits: the stored shared card an Action.Submit answer stands for. */
type CardOf = (cards: SharedCards, meeting: number) => string | undefined;

/**
 * The verbs whose answer is their shared card's new state for everyone (the group card after
 * joining, the invitation after an RSVP, the status card after a coordinator step, …). Other
 * verbs answer the clicker alone (a form, a draft, a page of their data): never in place of a
 * card the chat shares.
 */
const CARD_OF: Partial<Record<Verb, CardOf>> = {
  setupGroup: (c) => c.group,
  joinGroup: (c) => c.group,
  leaveGroup: (c) => c.group,
  rsvp: (c, n) => c.meetings[n]?.invitation,
  reveal: (c, n) => c.meetings[n]?.status,
  startVoting: (c, n) => c.meetings[n]?.status,
  closeMeeting: (c, n) => c.meetings[n]?.status,
  refresh: (c, n) => c.meetings[n]?.status ?? c.group,
  proposeProject: (c) => c.meetings[4]?.conclusion,
  startProjectVote: (c) => c.meetings[4]?.conclusion,
  voteProject: (c) => c.projectVote,
  chooseProject: (c) => c.projectVote,
};

/**
 * The card an Action.Submit answer replaces (`replyToId`), or undefined to post it instead. In a
 * personal chat, whatever was clicked (only the person sees it); in a group chat, only the stored
 * shared card the verb belongs to — a crafted `replyToId` naming another card (the reveal, an
 * invitation) changes nothing for the others.
 */
export async function cardToReplace(
  turn: Turn,
  data: Record<string, unknown>,
  reply: Reply,
): Promise<string | undefined> {
  const clicked = turn.context.activity.replyToId;
  if (!clicked || reply.kind !== 'card') return undefined;
  if (turn.actor.chat === 'personal') return clicked;
  const cardOf = CARD_OF[data.verb as Verb];
  const cards = cardOf && (await turn.deps.app.sharedCards(turn.actor));
  return cards && cardOf(cards, Number(data.meeting)) === clicked ? clicked : undefined;
}
