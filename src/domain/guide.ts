import { DEFAULT_MEETING_HOURS, minutesOf } from './schedule';
import type { MeetingNumber } from './themes';

/** The parts of a meeting the coordinator's guide walks through (each has a title and advice in i18n). */
export type GuideStepId =
  'welcomeFirst' | 'welcome' | 'story' | 'write' | 'read' | 'choose' | 'learn' | 'close' | 'closeLast';

/** One timed step of a meeting. */
export interface GuideStep {
  id: GuideStepId;
  minutes: number;
}

/**
 * Each meeting's steps with their minutes in the method's two hours. Meeting 1 opens the whole
 * programme; meeting 2 ends with a round on what each has learnt from the others' professions
 * (the seed's third purpose); meeting 4 leads on to the common project.
 */
const PLANS: Record<MeetingNumber, [GuideStepId, number][]> = {
  1: [
    ['welcomeFirst', 15],
    ['story', 25],
    ['write', 15],
    ['read', 35],
    ['choose', 15],
    ['close', 15],
  ],
  2: [
    ['welcome', 10],
    ['story', 20],
    ['write', 15],
    ['read', 35],
    ['choose', 15],
    ['learn', 10],
    ['close', 15],
  ],
  3: [
    ['welcome', 10],
    ['story', 25],
    ['write', 15],
    ['read', 35],
    ['choose', 20],
    ['close', 15],
  ],
  4: [
    ['welcome', 10],
    ['story', 25],
    ['write', 15],
    ['read', 35],
    ['choose', 20],
    ['closeLast', 15],
  ],
};

/** The method's length of a meeting in minutes ("Mødet vil vare 2 timer"). */
export const DEFAULT_MEETING_MINUTES = DEFAULT_MEETING_HOURS * 60;

/** A meeting's length in minutes from its start and end (HH:MM), or the method's two hours without them. */
export function meetingMinutes(start?: string, end?: string): number {
  if (!start || !end) return DEFAULT_MEETING_MINUTES;
  const length = minutesOf(end) - minutesOf(start);
  return length > 0 ? length : DEFAULT_MEETING_MINUTES;
}

/**
 * Meeting n's steps scaled to `total` minutes: whole 5-minute blocks when the length allows it,
 * shared out by largest remainder so the steps always add up to exactly `total`.
 */
export function guideSteps(n: MeetingNumber, total: number): GuideStep[] {
  const plan = PLANS[n];
  const weight = plan.reduce((sum, [, w]) => sum + w, 0);
  const unit = total % 5 === 0 && total >= plan.length * 5 ? 5 : 1;
  const units = total / unit;
  const exact = plan.map(([, w]) => (w * units) / weight);
  const whole = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  const missing = units - whole.reduce((s, x) => s + x, 0);
  for (let k = 0; k < missing; k++) whole[order[k].i]++;
  return plan.map(([id], i) => ({ id, minutes: whole[i] * unit })).filter((s) => s.minutes > 0);
}
