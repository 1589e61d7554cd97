import { DEFAULT_MEETING_HOURS, minutesOf } from './schedule';
import type { MeetingNumber } from './themes';

/** The parts of a meeting the coordinator's guide walks through (each has a title and advice in i18n). */
export type GuideStepId =
  | 'welcomeFirst'
  | 'welcome'
  | 'story'
  | 'write'
  | 'read'
  | 'pause'
  | 'choose'
  | 'learn'
  | 'close'
  | 'closeLast'
  | 'project';

/** One timed step of a meeting. */
export interface GuideStep {
  id: GuideStepId;
  minutes: number;
}

/**
 * Each meeting's steps with their minutes in the method's two hours. Meeting 1 opens the whole
 * programme; meeting 2 ends with a round on what each has learnt from the others' professions
 * (the seed's third purpose); meeting 4 gives the common project 30–40 minutes after it closes.
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
    ['story', 15],
    ['write', 10],
    ['read', 25],
    ['choose', 15],
    ['closeLast', 5],
    ['project', 40],
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

/** A meeting of two hours or more gets a ten-minute break after the answers are read. */
export const PAUSE_FROM_MINUTES = 120;
const PAUSE_MINUTES = 10;

/**
 * Meeting n's steps scaled to `total` minutes: whole 5-minute blocks when the length allows it,
 * shared out by largest remainder so the steps always add up to exactly `total`; from two hours on,
 * with a ten-minute break after reading the answers aloud.
 */
export function guideSteps(n: MeetingNumber, total: number): GuideStep[] {
  if (total < PAUSE_FROM_MINUTES) return scaled(PLANS[n], total);
  const steps = scaled(PLANS[n], total - PAUSE_MINUTES);
  const after = steps.findIndex((s) => s.id === 'read') + 1;
  return [...steps.slice(0, after), { id: 'pause', minutes: PAUSE_MINUTES }, ...steps.slice(after)];
}

function scaled(plan: [GuideStepId, number][], total: number): GuideStep[] {
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
