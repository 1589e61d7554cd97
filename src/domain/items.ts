import { createHash } from 'node:crypto';
import type { Answer, Item, Member, RankedItem, RevealMode, Vote } from './types';

/** A stable, opaque id for one answer field (it does not reveal the author). */
export function itemId(meeting: number, userId: string, field: number): string {
  return createHash('sha256').update(`${meeting}|${userId}|${field}`).digest('base64url').slice(0, 10);
}

/**
 * Every filled-in answer field of a meeting as items. Named groups: in the order members joined,
 * then by field. Anonymous groups: ordered by the opaque id, so the order does not reveal who.
 */
export function poolItems(
  meeting: number,
  answers: readonly Answer[],
  members: readonly Member[],
  mode: RevealMode,
): Item[] {
  const position = (userId: string): number => {
    const i = members.findIndex((m) => m.userId === userId);
    return i < 0 ? members.length : i;
  };
  const items = answers.flatMap((a) =>
    a.fields
      .map((text, i) => ({
        id: itemId(meeting, a.userId, i + 1),
        field: i + 1,
        text,
        author: { userId: a.userId, name: a.name },
      }))
      .filter((item) => item.text.length > 0),
  );
  if (mode === 'anonymous') return items.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return items.sort((x, y) => position(x.author.userId) - position(y.author.userId) || x.field - y.field);
}

/** The most chosen items first; ties keep the order of the reveal card (stated on the conclusion card). */
export function rankItems(items: readonly Item[], votes: readonly Vote[]): RankedItem[] {
  const counts = new Map<string, number>();
  for (const v of votes) for (const id of new Set(v.choices)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return items
    .map((item, order) => ({
      id: item.id,
      text: item.text,
      votes: counts.get(item.id) ?? 0,
      field: item.field,
      order,
    }))
    .sort((a, b) => b.votes - a.votes || a.order - b.order)
    .map(({ id, text, votes: n, field }) => ({ id, text, votes: n, field }));
}

/** How many items a member may pick when prioritising, and how many the conclusion keeps. */
export const MAX_CHOICES = 3;
export const TOP_ITEMS = 3;

/** The conclusion's items: the top three that got votes; with no votes at all, the first three. */
export function topItems(ranked: readonly RankedItem[]): RankedItem[] {
  const voted = ranked.filter((i) => i.votes > 0);
  return (voted.length ? voted : ranked).slice(0, TOP_ITEMS);
}
