import { isRevealed } from './meeting';
import { answeredIn, meetingOf, rowsOf, type HasMeetings } from './snapshot';
import type { Answer, Group, Meeting, Person, Vote } from './types';

/** What a meeting's status card shows besides the meeting: progress and the previous meeting's agreements. */
export interface StatusFacts {
  /** The members who answered (people who left the group are not counted). */
  answered: Person[];
  /** The members who prioritised, with how many answers each chose. */
  voted: (Person & { choices: number })[];
  /**
   * False while an anonymous meeting takes answers: then no view names who has answered, so no
   * one (the coordinator included) can match a name to an answer as it comes in (counts only).
   */
  namesShown: boolean;
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
  const person = ({ userId, name }: Person): Person => ({ userId, name });
  const meeting = meetingOf(s, n);
  return {
    answered: answeredIn(s, n)
      .filter((a) => inGroup(a.userId))
      .map(person),
    voted: rowsOf(s.votes, n)
      .filter((v) => inGroup(v.userId))
      .map((v) => ({ ...person(v), choices: v.choices.length })),
    namesShown: group.revealMode === 'named' || isRevealed(meeting),
    memberCount: group.members.length,
    previous: meetingOf(s, n - 1),
  };
}
