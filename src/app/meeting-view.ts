import { groupInMeeting, poolItems, rankItems, topItems } from '../domain/items';
import { meetingOf, rowsOf } from '../domain/snapshot';
import { statusFacts, type StatusFacts } from '../domain/status';
import type { Group, Item, Meeting, Proposal, RankedItem } from '../domain/types';
import type { GroupSnapshot } from '../store/group-store';

/**
 * A meeting with everything its cards show, from one partition query. Its `group` carries the
 * reveal mode the meeting started with: the only group a card of the meeting reads.
 */
export interface MeetingView {
  group: Group;
  meeting: Meeting;
  /** The pooled answers (after reveal: what the group chooses among). */
  items: Item[];
  /** What the group chose so far: the most chosen items of each question it chooses among. */
  chosen: RankedItem[];
  /** What the meeting's status card shows: who answered and prioritised, the previous meeting. */
  status: StatusFacts;
  /** The project proposals (meeting 4's conclusion card lists them). */
  proposals: Proposal[];
  /** True when this was a repeat of a step already taken (Teams re-sent the click): nothing changed. */
  repeated?: boolean;
}

/** The pooled answers of meeting n, in the order the cards show them (named or anonymous as fixed at its start). */
export function itemsOf(snapshot: GroupSnapshot, n: number): Item[] {
  const group = groupInMeeting(snapshot.group.value, meetingOf(snapshot, n));
  return poolItems(n, snapshot.answers, group.members, group.revealMode);
}

/** What the group chose in meeting n: the most chosen items of each question it chooses among. */
export function chosenIn(snapshot: GroupSnapshot, n: number, items: readonly Item[]): RankedItem[] {
  return topItems(n, rankItems(items, rowsOf(snapshot.votes, n)));
}

/**
 * A meeting view from a snapshot, with `meeting` as it is now (perhaps just changed). Its items and
 * what was chosen are pooled and ranked when first read (an answer's reply and the status card read
 * neither), then kept; a spread (`{ ...view(…) }`) reads them at once.
 */
export function view(snapshot: GroupSnapshot, meeting: Meeting): MeetingView {
  const group = groupInMeeting(snapshot.group.value, meeting);
  const n = meeting.number;
  const status = statusFacts(snapshot, group, n);
  let items: Item[] | undefined;
  let chosen: RankedItem[] | undefined;
  const pooled = (): Item[] => (items ??= poolItems(n, snapshot.answers, group.members, group.revealMode));
  return {
    group,
    meeting,
    get items() {
      return pooled();
    },
    get chosen() {
      return (chosen ??= chosenIn(snapshot, n, pooled()));
    },
    status,
    proposals: snapshot.proposals,
  };
}
