import type { GroupSnapshot } from '../store/group-store';
import type { ConversationRef, Language } from '../domain/types';

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

/**
 * The cards that show answers or names the outbox recorded (each step's and each summary's), under
 * meeting n, or the group's (`undefined`); `meeting` 'any' gives all of them.
 */
function postedUnder(snapshot: GroupSnapshot, meeting: number | undefined | 'any'): string[] {
  return (snapshot.posted ?? [])
    .filter((p) => meeting === 'any' || p.meeting === meeting)
    .flatMap((p) => p.ids);
}

/** Every card the bot posted in a group's chat and remembers. */
function everyCard(snapshot: GroupSnapshot): string[] {
  const g = snapshot.group.value;
  return present([
    g.groupCardId,
    g.projectVote?.cardId,
    ...postedUnder(snapshot, 'any'),
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
      ...answered.flatMap((m) => [
        m.conclusionCardId,
        ...(m.answerCardIds ?? []),
        ...postedUnder(snapshot, m.number),
      ]),
      ...(took.size ? [...(g.postedCardIds ?? []), ...postedUnder(snapshot, undefined)] : []),
      ...(project ? [g.projectVote?.cardId] : []),
    ]),
    refresh: snapshot.meetings.map(({ value: m }) => m.number),
  };
}
