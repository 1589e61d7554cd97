/**
 * The common project grows out of the meetings: what the group chose in meetings 1–4, and the
 * reference a proposal keeps to the chosen item it builds on (docs/storage.md, `buildsOn`).
 */
import type { BuildsOn, Meeting, RankedItem } from './types';

/** What the group chose in one closed meeting: its stored top items, per question in order. */
export interface ChosenInMeeting {
  meeting: number;
  items: RankedItem[];
}

/** A proposal's basis as cards show it: the meeting and the chosen item's text. */
export interface Basis {
  meeting: number;
  text: string;
}

/** What the group chose in each closed meeting (1–4); meetings without a stored choice are left out. */
export function chosenInMeetings(meetings: readonly Meeting[]): ChosenInMeeting[] {
  return [...meetings]
    .filter((m) => m.status === 'closed' && m.number >= 1 && m.number <= 4 && m.conclusion?.top.length)
    .sort((a, b) => a.number - b.number)
    .map((m) => ({ meeting: m.number, items: m.conclusion!.top }));
}

/** The value a "Byg videre på" choice carries: `<meeting>:<item id>` (item ids are base64url). */
export function buildsOnValue(ref: BuildsOn): string {
  return `${ref.meeting}:${ref.item}`;
}

/**
 * Reads the optional `buildsOn` choice against what the group chose: undefined when none was
 * picked, `invalid` when the value is not one of the chosen items (a tampered or outdated form).
 */
export function readBuildsOn(
  raw: unknown,
  chosen: readonly ChosenInMeeting[],
): BuildsOn | 'invalid' | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') return 'invalid';
  const match = /^([1-4]):([A-Za-z0-9_-]{1,64})$/.exec(raw.trim());
  if (!match) return 'invalid';
  const ref = { meeting: Number(match[1]), item: match[2] };
  return basisOf(chosen, ref) ? ref : 'invalid';
}

/** The chosen item a reference points to, or undefined when it is no longer stored (e.g. erased). */
export function basisOf(chosen: readonly ChosenInMeeting[], ref: BuildsOn | undefined): Basis | undefined {
  if (!ref) return undefined;
  const item = chosen.find((c) => c.meeting === ref.meeting)?.items.find((i) => i.id === ref.item);
  return item && { meeting: ref.meeting, text: item.text };
}
