import { compositionWarnings } from '../domain/composition';
import { poolItems, rankItems, revealModeOf } from '../domain/items';
import { hasStarted, isRevealed } from '../domain/meeting';
import { MEETING_NUMBERS, themeTitleKey } from '../domain/themes';
import { basisOf, chosenInMeetings, type ChosenInMeeting } from '../domain/project-basis';
import { answeredIn, meetingOf, meetingsOf, rowsOf, rsvpTally } from '../domain/snapshot';
import {
  ROLE_CATEGORIES,
  type BuildsOn,
  type Language,
  type MeetingStatus,
  type RsvpResponse,
} from '../domain/types';
import { t } from '../i18n';
import { fieldQuestion, formatDate, formatWhen } from '../i18n/format';
import type { GroupSnapshot } from '../app/context';
import type { OverviewAnswer } from './questions';

export type { OverviewAnswer } from './questions';

/** The question an answer field answers: theme 1's one prompt (three pieces of advice), or the field's own. */
function questionOf(lang: Language, n: number, field: number): string {
  return n === 1 ? t(lang, 'theme.1.prompt') : fieldQuestion(lang, n, field);
}

/** A meeting in the overview. Answers appear only once the coordinator has shown them to the group. */
export interface OverviewMeeting {
  number: number;
  theme: string;
  status: MeetingStatus | 'none';
  statusText: string;
  when?: string;
  location?: string;
  rsvps: { yes: string[]; maybe: string[]; no: string[] };
  answeredCount: number;
  answersShown: boolean;
  answers: OverviewAnswer[];
  /** The top-voted answers; `field` is the question (1 or 2) when the theme asks two. */
  priorities: { text: string; votes: number; field?: number }[];
  agreements?: string;
}

/** Participation per meeting, for the chart and the CSV. */
export interface Participation {
  meeting: number;
  members: number;
  yes: number;
  answered: number;
}

/** The group's whole programme at a glance: what the tab shows and the report exports. Plain text, not markdown. */
export interface Overview {
  language: Language;
  groupKey: string;
  name: string;
  association: string;
  area: string;
  phase: string;
  revealMode: string;
  anonymous: boolean;
  coordinators: string[];
  members: { name: string; roleTitle: string; category: string }[];
  balance: { category: string; count: number }[];
  compositionAdvice: string[];
  meetings: OverviewMeeting[];
  participation: Participation[];
  proposals: { title: string; description: string; buildsOn?: string }[];
  project?: {
    title: string;
    description: string;
    owner: string;
    firstStep: string;
    dueDate: string;
    buildsOn?: string;
  };
}

/**
 * What a proposal (or the project) builds on, as one line of plain text: "Bygger videre på: … (fra
 * møde N)"; nothing when it builds on nothing still stored.
 */
function buildsOnLine(lang: Language, chosen: readonly ChosenInMeeting[], ref: BuildsOn | undefined) {
  const basis = basisOf(chosen, ref);
  if (!basis) return {};
  const from = t(lang, 'project.buildsOnFrom', { text: basis.text, n: basis.meeting });
  return { buildsOn: `${t(lang, 'project.buildsOnTitle')}: ${from}` };
}

function overviewMeeting(
  lang: Language,
  snapshot: GroupSnapshot,
  n: (typeof MEETING_NUMBERS)[number],
): OverviewMeeting {
  const group = snapshot.group.value;
  const m = meetingOf(snapshot, n);
  const tally = rsvpTally(rowsOf(snapshot.rsvps, n));
  const who = (response: RsvpResponse): string[] => tally[response].map((r) => r.name);
  const answered = answeredIn(snapshot, n);
  const shown = isRevealed(m);
  const mode = revealModeOf(group, m);
  const items = shown ? poolItems(n, answered, group.members, mode) : [];
  const ranked = shown ? rankItems(items, rowsOf(snapshot.votes, n)).filter((i) => i.votes > 0) : [];
  const status = m?.status ?? 'none';
  return {
    number: n,
    theme: t(lang, themeTitleKey(n)),
    status,
    statusText: t(lang, `overview.status.${status}`),
    when: m?.date ? formatWhen(lang, m.date, m.start, m.end) : undefined,
    location: m?.location || undefined,
    rsvps: { yes: who('yes'), maybe: who('maybe'), no: who('no') },
    answeredCount: hasStarted(m) ? answered.length : 0,
    answersShown: shown,
    answers: [...items]
      .sort((a, b) => (n === 1 ? 0 : a.field - b.field))
      .map((i) => ({
        question: questionOf(lang, n, i.field),
        author: mode === 'named' ? i.author.name : undefined,
        text: i.text,
      })),
    priorities: ranked.map((r) => ({ text: r.text, votes: r.votes, ...(n > 1 ? { field: r.field } : {}) })),
    agreements: m?.conclusion?.agreements,
  };
}

/** Builds the overview of a group from its partition, in `lang`. */
export function buildOverview(lang: Language, snapshot: GroupSnapshot): Overview {
  const group = snapshot.group.value;
  const meetings = MEETING_NUMBERS.map((n) => overviewMeeting(lang, snapshot, n));
  const p = snapshot.project;
  const chosen = chosenInMeetings(meetingsOf(snapshot));
  return {
    language: lang,
    groupKey: group.key,
    name: group.name,
    association: group.association,
    area: group.area,
    phase: t(lang, `phase.${group.phase}`),
    revealMode: t(lang, `revealMode.${group.revealMode}`),
    anonymous: group.revealMode === 'anonymous',
    coordinators: group.coordinators.map((c) => c.name),
    members: group.members.map((m) => ({
      name: m.name,
      roleTitle: m.roleTitle,
      category: t(lang, `roleShort.${m.roleCategory}`),
    })),
    balance: ROLE_CATEGORIES.map((c) => ({
      category: t(lang, `roleShort.${c}`),
      count: group.members.filter((m) => m.roleCategory === c).length,
    })),
    compositionAdvice: compositionWarnings(group.members).map((w) => t(lang, `composition.${w}`)),
    meetings,
    participation: meetings.map((m) => ({
      meeting: m.number,
      members: group.members.length,
      yes: m.rsvps.yes.length,
      answered: m.answeredCount,
    })),
    proposals: snapshot.proposals.map((x) => ({
      title: x.title,
      description: x.description,
      ...buildsOnLine(lang, chosen, x.buildsOn),
    })),
    project: p && {
      title: p.title,
      description: p.description,
      owner: p.owner.name,
      firstStep: p.firstStep,
      dueDate: formatDate(lang, p.dueDate),
      ...buildsOnLine(lang, chosen, p.buildsOn),
    },
  };
}

/** What the tab's API sends the page: the overview, its chart (SVG) and whether the reader coordinates. */
export interface OverviewPayload extends Overview {
  chartSvg: string;
  coordinator: boolean;
}
