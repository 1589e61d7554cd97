import { createHash, randomBytes } from 'node:crypto';
import { choosableQuestions, isChoosable, questionOf } from './themes';
import type { Answer, Group, Item, Meeting, Member, RankedItem, RevealMode, Vote } from './types';

/** How many fields an answer has at most (theme 1: three pieces of advice). */
const MAX_FIELDS = 3;

/** A random, opaque id (10 base64url characters, 60 bits): nothing about the person goes into it. */
export function randomId(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

/** Random item ids for a new answer, one per possible field. */
export function newItemIds(): string[] {
  return Array.from({ length: MAX_FIELDS }, randomId);
}

/**
 * The id answers stored before random ids had (an unsalted hash of meeting, person and field:
 * anyone who knows the members could compute it). Only read for answers revealed before the
 * change; every other answer gets random ids (docs/privacy.md).
 */
export function legacyItemId(meeting: number, userId: string, field: number): string {
  return createHash('sha256').update(`${meeting}|${userId}|${field}`).digest('base64url').slice(0, 10);
}

/** The item id of field `field` (1-based) of an answer. */
export function itemIdOf(answer: Answer, field: number): string {
  return answer.ids?.[field - 1] ?? legacyItemId(answer.meeting, answer.userId, field);
}

/** The reveal mode a meeting's answers are shown with: fixed when the meeting started. */
export function revealModeOf(group: Group, meeting: Meeting | undefined): RevealMode {
  return meeting?.revealMode ?? group.revealMode;
}

/** The group as a meeting's cards show it: with the reveal mode the meeting started with. */
export function groupInMeeting(group: Group, meeting: Meeting | undefined): Group {
  return { ...group, revealMode: revealModeOf(group, meeting) };
}

/**
 * Every filled-in answer field of a meeting as items. Named groups: in the order members joined,
 * then by field. Anonymous groups: ordered by the random id, so the order does not reveal who.
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
  const theirs = answers.filter((a) => a.meeting === meeting);
  const randomIds = new Set(theirs.flatMap((a) => a.ids ?? []));
  const items = theirs.flatMap((a) =>
    a.fields
      .map((text, i) => ({
        id: itemIdOf(a, i + 1),
        field: i + 1,
        text,
        author: { userId: a.userId, name: a.name },
      }))
      .filter((item) => item.text.length > 0),
  );
  // Answers stored before random ids (re-keyed at their next reveal) carry a hash of their author as
  // id: they are ordered by their text instead, so the order never follows from who wrote them.
  const keyOf = (item: Item): string => (randomIds.has(item.id) ? `0${item.id}` : `1${item.text}`);
  if (mode === 'anonymous')
    return items.sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0));
  return items.sort((x, y) => position(x.author.userId) - position(y.author.userId) || x.field - y.field);
}

/** The most chosen items first; ties keep the order of the answers card. */
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

/** How many items a member may choose for each question, and how many the result keeps per question. */
export const MAX_CHOICES = 3;
export const TOP_ITEMS = 3;

/** The items of meeting n the group chooses among (meeting 2: only what we want more of). */
export function choosableItems(n: number, items: readonly Item[]): Item[] {
  return items.filter((i) => isChoosable(n, i.field));
}

/**
 * Ranked items of meeting n by the question they answer: each question the group chooses among,
 * then any other a stored result holds (stored items without a field answer the first).
 */
export function byQuestion<T extends { field?: number }>(
  n: number,
  ranked: readonly T[],
): { question: number; items: T[] }[] {
  const asked = (i: T): number => questionOf(n, i.field ?? 1);
  const questions = [...new Set([...choosableQuestions(n), ...ranked.map(asked)])];
  return questions.map((question) => ({ question, items: ranked.filter((i) => asked(i) === question) }));
}

/**
 * What the group chose in meeting n: for each question it chooses among, the most chosen items
 * (up to TOP_ITEMS each, only those someone chose), so no question's answers vanish behind another's.
 */
export function topItems(n: number, ranked: readonly RankedItem[]): RankedItem[] {
  return byQuestion(n, ranked).flatMap((q) => q.items.filter((i) => i.votes > 0).slice(0, TOP_ITEMS));
}

/** The questions (1-based) a choice of item ids exceeds MAX_CHOICES in, with how many were chosen. */
export function tooManyChoices(
  n: number,
  items: readonly Item[],
  choices: readonly string[],
): { question: number; count: number } | undefined {
  const chosen = items.filter((i) => choices.includes(i.id));
  return byQuestion(n, chosen)
    .map((q) => ({ question: q.question, count: q.items.length }))
    .find((q) => q.count > MAX_CHOICES);
}

/** Reads `choices`: a comma-separated list (or array) of item ids, without blanks and repeats. */
export function readChoices(raw: unknown): string[] | undefined {
  const list = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : undefined;
  if (!list || !list.every((c) => typeof c === 'string')) return undefined;
  return [...new Set((list as string[]).map((c) => c.trim()).filter(Boolean))];
}
