import { answeredIn, meetingOf, rowsOf, type HasMeetings } from './snapshot';
import type { Answer, Group, Meeting, Vote } from './types';

/** What a meeting's status card shows besides the meeting: progress and the previous meeting's agreements. */
export interface StatusFacts {
  /** Names of the members who answered (people who left the group are not counted). */
  answeredBy: string[];
  /** Names of the members who prioritised. */
  votedBy: string[];
  memberCount: number;
  previous?: Meeting;
}

/** What meeting n's status card shows: who of the group answered and prioritised, and meeting n−1. */
export function statusFacts(
  s: HasMeetings & { answers: readonly Answer[]; votes: readonly Vote[] },
  group: Group,
  n: number,
): StatusFacts {
  const inGroup = (userId: string): boolean => group.members.some((m) => m.userId === userId);
  return {
    answeredBy: answeredIn(s, n)
      .filter((a) => inGroup(a.userId))
      .map((a) => a.name),
    votedBy: rowsOf(s.votes, n)
      .filter((v) => inGroup(v.userId))
      .map((v) => v.name),
    memberCount: group.members.length,
    previous: meetingOf(s, n - 1),
  };
}
