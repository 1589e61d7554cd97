import type { GroupSnapshot } from '../store/group-store';
import type { ConversationRef, Language } from '../domain/types';
import type { Actor, AppDeps } from './context';
import { liveGroup, useCase, changeMeeting } from './use-case';
import { ok, type Outcome } from './result';

/** At most this many cards are remembered per meeting and per group (the oldest go first). */
const MAX_CARDS = 100;

/**
 * What a deletion leaves to do in a group's chat: the bot's own cards to replace with a short
 * "deleted" card, and, when the group lives on, the meetings whose shared cards (status,
 * invitation) and the group card to show again from what is stored now.
 */
export interface ChatCleanup {
  conversation: ConversationRef;
  language: Language;
  tenantId: string;
  groupKey: string;
  /** The whole group was deleted (by its coordinator, or because nobody was left). */
  whole: boolean;
  /** Activity ids of the bot's cards to replace. */
  replace: string[];
  /** Meetings whose status and invitation cards to show again (the group lives on). */
  refresh: number[];
}

const present = (ids: (string | undefined)[]): string[] => [
  ...new Set(ids.filter((id): id is string => !!id)),
];

/** Every card the bot posted in a group's chat and remembers. */
function everyCard(snapshot: GroupSnapshot): string[] {
  const g = snapshot.group.value;
  return present([
    g.groupCardId,
    g.projectVote?.cardId,
    ...(g.postedCardIds ?? []),
    ...snapshot.meetings.flatMap(({ value: m }) => [
      m.invitationCardId,
      m.statusCardId,
      m.conclusionCardId,
      ...(m.answerCardIds ?? []),
    ]),
  ]);
}

/** `slet gruppe`: every card of the group is replaced. */
export function wholeGroupCleanup(snapshot: GroupSnapshot): ChatCleanup {
  const g = snapshot.group.value;
  return {
    conversation: g.conversation,
    language: g.language,
    tenantId: g.tenantId,
    groupKey: g.key,
    whole: true,
    replace: everyCard(snapshot),
    refresh: [],
  };
}

/**
 * `slet mine data` in a group that lives on: the cards that show the person's answers are replaced
 * — each meeting they answered or prioritised in (its reveal, prioritising, conclusion and summary
 * cards; meeting 4's also the project's when they proposed or voted), the programme summaries and
 * the project vote card — and the cards that name them (group card, status and invitation cards)
 * are shown again from the stored state, which no longer holds them.
 */
export function personCleanup(snapshot: GroupSnapshot, userId: string): ChatCleanup {
  const g = snapshot.group.value;
  const mine = <T extends { userId: string }>(rows: T[]): T[] => rows.filter((r) => r.userId === userId);
  const project = mine(snapshot.proposals).length + mine(snapshot.projectVotes).length > 0;
  const took = new Set([...mine(snapshot.answers), ...mine(snapshot.votes)].map((r) => r.meeting));
  if (project) took.add(4);
  const answered = snapshot.meetings.filter(({ value: m }) => took.has(m.number)).map(({ value: m }) => m);
  return {
    conversation: g.conversation,
    language: g.language,
    tenantId: g.tenantId,
    groupKey: g.key,
    whole: false,
    replace: present([
      ...answered.flatMap((m) => [m.conclusionCardId, ...(m.answerCardIds ?? [])]),
      ...(took.size ? (g.postedCardIds ?? []) : []),
      ...(project ? [g.projectVote?.cardId] : []),
    ]),
    refresh: snapshot.meetings.map(({ value: m }) => m.number),
  };
}

/**
 * Remembers cards the bot posted in the group's chat that show answers or names: under meeting `n`
 * (its summaries, the answer prompt, the project's cards under 4), or the group's (programme
 * summaries) without one. Posted in another chat (a personal one) they are not the group's.
 */
export function recordPostedCards(
  deps: AppDeps,
  actor: Actor,
  n: number | undefined,
  ids: string[],
): Promise<Outcome<unknown>> {
  const posted = ids.filter(Boolean);
  if (!posted.length || actor.chat === 'personal') return Promise.resolve(ok(undefined));
  if (n !== undefined)
    return changeMeeting(deps, actor, n, (m) => ({
      ...m,
      answerCardIds: [...(m.answerCardIds ?? []), ...posted].slice(-MAX_CARDS),
    }));
  return useCase(deps, actor, liveGroup, async (found) => {
    if (!found) return ok(undefined);
    const postedCardIds = [...(found.value.postedCardIds ?? []), ...posted].slice(-MAX_CARDS);
    await deps.store.saveGroup({ ...found, value: { ...found.value, postedCardIds } });
    return ok(undefined);
  });
}
