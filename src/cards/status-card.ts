import template from '../../cards/status.json';
import { MAX_MEMBERS, MIN_MEMBERS } from '../domain/composition';
import { MEETING_NUMBERS, themeTitleKey } from '../domain/themes';
import type { Language, Meeting, Rsvp } from '../domain/types';
import { t } from '../i18n';
import { formatWhen } from '../i18n/format';
import type { StatusView } from '../app/status';
import { rowsOf, rsvpTally } from '../domain/snapshot';
import { bulletRun, headingRun } from './rich-text';
import { adviceLines, groupFacts, memberLine } from './group-card';
import { overviewAction, type OverviewLink } from './overview-action';
import { execute } from './actions';
import { render, type RenderedCard } from './render';

function meetingLine(lang: Language, m: Meeting | undefined, rsvps: readonly Rsvp[]): string {
  if (!m) return t(lang, 'status.meeting.none');
  if (m.status !== 'invited') return t(lang, `status.meeting.${m.status}`);
  const tally = rsvpTally(rowsOf(rsvps, m.number));
  return t(lang, 'status.meeting.invited', {
    when: formatWhen(lang, m.date, m.start, m.end),
    yes: tally.yes.length,
    maybe: tally.maybe.length,
    no: tally.no.length,
  });
}

/** The first meeting that is not closed yet (4 once all are). */
function nextMeeting(meetings: readonly Meeting[]): number {
  return MEETING_NUMBERS.find((n) => meetings.find((m) => m.number === n)?.status !== 'closed') ?? 4;
}

function nextStep(lang: Language, view: StatusView): string {
  if (view.group.members.length < MIN_MEMBERS) return t(lang, 'status.next.members');
  const next = nextMeeting(view.meetings);
  const invited = view.meetings.some((m) => m.number === next);
  return invited ? t(lang, 'status.next.meet', { n: next }) : t(lang, 'status.next.invite', { n: next });
}

/** Where the programme stands: the group, its members and roles, the four meetings, the next step. */
export function statusCard(
  lang: Language,
  view: StatusView,
  overviewUrl: OverviewLink | string = '',
): RenderedCard {
  const { group, meetings } = view;
  const model = {
    title: headingRun(t(lang, 'status.title', { name: group.name })),
    facts: groupFacts(lang, group),
    membersTitle: t(lang, 'group.members', { count: group.members.length, max: MAX_MEMBERS }),
    noMembers: t(lang, 'group.noMembers'),
    members: group.members.map((m) => bulletRun(memberLine(lang, m))),
    meetingsTitle: t(lang, 'status.meetings'),
    meetings: MEETING_NUMBERS.map((n) => ({
      title: t(lang, 'status.meeting', { n, theme: t(lang, themeTitleKey(n)) }),
      value: meetingLine(
        lang,
        meetings.find((m) => m.number === n),
        view.rsvps,
      ),
    })),
    compositionTitle: t(lang, 'group.composition'),
    advice: adviceLines(lang, group.members),
    nextTitle: t(lang, 'status.next'),
    next: nextStep(lang, view),
    overview: overviewAction(lang, overviewUrl),
    guide: {
      action: execute('openGuide', t(lang, 'guide.button', { n: nextMeeting(meetings) }), {
        meeting: nextMeeting(meetings),
      }),
    },
  };
  return { card: render(template, model), summary: t(lang, 'status.title', { name: group.name }) };
}
