import { MIN_MEMBERS } from './composition';
import type { Meeting, MeetingStatus } from './types';

/** The longest agreements text a coordinator closes a meeting with (agreements are optional). */
export const MAX_AGREEMENTS_LENGTH = 2000;

/** Why a meeting cannot move on, as an i18n-able reason with its variables. */
export interface Blocked {
  reason: 'previousNotClosed' | 'tooFewMembers' | 'alreadyStarted' | 'wrongStep';
  vars: Record<string, string | number>;
}

const STARTED: readonly MeetingStatus[] = ['running', 'revealed', 'voting', 'chosen', 'closed'];

/** True once a meeting has started (answers, reveal, voting or closed). */
export function hasStarted(m: Meeting | undefined): boolean {
  return m !== undefined && STARTED.includes(m.status);
}

const REVEALED: readonly MeetingStatus[] = ['revealed', 'voting', 'chosen', 'closed'];

/** True once a meeting's answers have been shown to its group (revealed, choosing, chosen or closed). */
export function isRevealed(m: Meeting | undefined): boolean {
  return m !== undefined && REVEALED.includes(m.status);
}

/** Meeting n may start when it has not started, meeting n−1 is closed and the group has 3 or more members. */
export function whyNotStart(
  n: number,
  meetings: readonly Meeting[],
  memberCount: number,
): Blocked | undefined {
  const meeting = meetings.find((m) => m.number === n);
  if (hasStarted(meeting)) return { reason: 'alreadyStarted', vars: { n } };
  const previous = meetings.find((m) => m.number === n - 1);
  if (n > 1 && previous?.status !== 'closed')
    return { reason: 'previousNotClosed', vars: { n, previous: n - 1 } };
  if (memberCount < MIN_MEMBERS)
    return { reason: 'tooFewMembers', vars: { min: MIN_MEMBERS, count: memberCount } };
  return undefined;
}

/** The refusal (an i18n key of the app's refusals) that tells the coordinator why meeting n cannot start. */
export const START_REFUSAL = {
  previousNotClosed: 'meetingOrder',
  tooFewMembers: 'tooFewMembers',
  alreadyStarted: 'meetingAlreadyStarted',
  wrongStep: 'meetingAlreadyStarted',
} as const satisfies Record<Blocked['reason'], string>;

/**
 * True once the group has answered or a meeting has started: from then on an anonymous group stays
 * anonymous (its answers were given in trust that they were), and each started meeting keeps the
 * mode it started with (`Meeting.revealMode`).
 */
export function answeringBegun(group: {
  answers: readonly unknown[];
  meetings: readonly { value: Meeting }[];
}): boolean {
  return group.answers.length > 0 || group.meetings.some((m) => hasStarted(m.value));
}

/** The common project opens once the last meeting (4) is closed. */
export function projectOpens(meetings: readonly Meeting[]): boolean {
  return meetings.find((m) => m.number === 4)?.status === 'closed';
}

/**
 * The step each action needs the meeting to be at, and the step it leads to. What the group chose
 * is shown when choosing ends, before the meeting is closed with its agreements; a group that does
 * not choose closes straight after the answers are shown.
 */
export const STEPS = {
  answer: { from: ['running'], to: 'running' },
  reveal: { from: ['running'], to: 'revealed' },
  startVoting: { from: ['revealed'], to: 'voting' },
  vote: { from: ['voting'], to: 'voting' },
  endVoting: { from: ['voting'], to: 'chosen' },
  close: { from: ['revealed', 'chosen'], to: 'closed' },
} as const satisfies Record<string, { from: readonly MeetingStatus[]; to: MeetingStatus }>;

/** The step names of STEPS. */
export type Step = keyof typeof STEPS;

/** True when `step` may be taken from the meeting's current status. */
export function canTake(step: Step, m: Meeting | undefined): boolean {
  return m !== undefined && (STEPS[step].from as readonly MeetingStatus[]).includes(m.status);
}
