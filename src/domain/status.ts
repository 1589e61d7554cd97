import { isRevealed } from './meeting';
import { answeredIn, meetingOf, rowsOf, type HasMeetings } from './snapshot';
import type { Answer, Group, Meeting, Person, Rsvp, Vote } from './types';

/** What a meeting's status card shows besides the meeting: progress and the previous meeting's agreements. */
export interface StatusFacts {
  /** The members who answered (people who left the group are not counted). */
  answered: Person[];
  /** The members who chose, with how many answers each chose. */
  voted: (Person & { choices: number })[];
  /**
   * False while an anonymous meeting takes answers: then no view names who has answered, so no
   * one (the coordinator included) can match a name to an answer as it comes in (counts only).
   */
  namesShown: boolean;
  memberCount: number;
  /**
   * How many are expected to answer, and to choose: the members, less those who said they cannot
   * come to this meeting — unless they took part all the same. The "y" of "x af y".
   */
  expectedAnswers: number;
  expectedChoices: number;
  previous?: Meeting;
}

/** The user ids of the members who said they cannot come to meeting n. */
export function declinedIn(rsvps: readonly Rsvp[], n: number): Set<string> {
  return new Set(
    rowsOf(rsvps, n)
      .filter((r) => r.response === 'no')
      .map((r) => r.userId),
  );
}

/** Meeting n's status: who of the group answered and chose, how many are expected to, and meeting n−1. */
export function statusFacts(
  s: HasMeetings & { answers: readonly Answer[]; votes: readonly Vote[]; rsvps: readonly Rsvp[] },
  group: Group,
  n: number,
): StatusFacts {
  const inGroup = (userId: string): boolean => group.members.some((m) => m.userId === userId);
  const answered = answeredIn(s, n).filter((a) => inGroup(a.userId));
  const voted = rowsOf(s.votes, n).filter((v) => inGroup(v.userId));
  const declined = declinedIn(s.rsvps, n);
  const expected = (took: readonly { userId: string }[]): number => {
    const tookPart = new Set(took.map((r) => r.userId));
    return group.members.filter((m) => !declined.has(m.userId) || tookPart.has(m.userId)).length;
  };
  const person = ({ userId, name }: Person): Person => ({ userId, name });
  return {
    answered: answered.map(person),
    voted: voted.map((v) => ({ ...person(v), choices: v.choices.length })),
    namesShown: group.revealMode === 'named' || isRevealed(meetingOf(s, n)),
    memberCount: group.members.length,
    expectedAnswers: expected(answered),
    expectedChoices: expected(voted),
    previous: meetingOf(s, n - 1),
  };
}
