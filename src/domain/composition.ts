import { randomId } from './items';
import type { Member, RoleCategory } from './types';

/** The method's group size: 3–6 people. */
export const MIN_MEMBERS = 3;
export const MAX_MEMBERS = 6;

/** Advice for the coordinator about who is missing; never blocks anything. */
export type CompositionWarning = 'noPhysical' | 'noSocial' | 'noBetween' | 'tooFew';

/** True when one more member would break the 3–6 rule. */
export function isFull(members: readonly Member[]): boolean {
  return members.length >= MAX_MEMBERS;
}

/** People (the roster, the coordinators) each named by a random id (`ref`) for cards to use instead of their user id. */
export function withRefs<T extends { ref?: string }>(people: readonly T[]): T[] {
  return people.map((m) => (m.ref ? m : { ...m, ref: randomId() }));
}

/** The roster with `member` on it: in place of their earlier entry, else added last. */
export function withMember(members: readonly Member[], member: Member): Member[] {
  const known = members.some((m) => m.userId === member.userId);
  return withRefs(
    known ? members.map((m) => (m.userId === member.userId ? member : m)) : [...members, member],
  );
}

/** The composition advice for a roster, in the order the coordinator should read it. */
export function compositionWarnings(members: readonly Member[]): CompositionWarning[] {
  const has = (c: RoleCategory): boolean => members.some((m) => m.roleCategory === c);
  const warnings: CompositionWarning[] = [];
  if (members.length < MIN_MEMBERS) warnings.push('tooFew');
  if (!has('fysisk')) warnings.push('noPhysical');
  if (!has('boligsocial')) warnings.push('noSocial');
  if (!has('imellem')) warnings.push('noBetween');
  return warnings;
}
