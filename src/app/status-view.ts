import type { StatusFacts } from '../domain/snapshot';
import type { GroupSnapshot } from '../store/group-store';
import type { Group } from '../domain/types';

/** What meeting n's status card shows: who of the group answered and prioritised, and meeting n−1. */
export function statusFacts(snapshot: GroupSnapshot, group: Group, n: number): StatusFacts {
  const inGroup = (userId: string): boolean => group.members.some((m) => m.userId === userId);
  return {
    answeredBy: snapshot.answers.filter((a) => a.meeting === n && inGroup(a.userId)).map((a) => a.name),
    votedBy: snapshot.votes.filter((v) => v.meeting === n && inGroup(v.userId)).map((v) => v.name),
    memberCount: group.members.length,
    previous: snapshot.meetings.find((m) => m.value.number === n - 1)?.value,
  };
}
