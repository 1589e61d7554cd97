import summaryTemplate from '../../cards/summary.json';
import { MEETING_NUMBERS } from '../domain/themes';
import { rsvpTally } from '../domain/snapshot';
import type { Language, Meeting } from '../domain/types';
import { hasStarted } from '../domain/meeting';
import { chosenInMeetings } from '../domain/project-basis';
import { t, tp } from '../i18n';
import { formatDate, formatWhen } from '../i18n/format';
import type { ProgrammeSummary, ThemeSummary } from '../app/summary';
import { clipParagraphs, ellipsis, fitting, isCut } from './fit';
import { themeTitle } from './meeting-cards';
import { overviewAction, type OverviewLink } from './overview-action';
import { render, type AdaptiveCard, type RenderedCard } from './render';
import { chosenSections } from './chosen-cards';
import { proposalWithBasis } from './proposal-lines';
import { itemSections, itemText } from './reveal-cards';
import { buildsOnRuns } from './proposal-form-card';
import { bulletRun, factRuns, ownRuns, paragraphRuns, plainRun, richLine, type Inlines } from './rich-text';

/** A headed list of lines of runs, as the summary card shows them. */
interface RunSection {
  heading: string;
  lines: Inlines[];
}

/** The card's title as runs: large and bold, people's texts in it never read as markdown. */
const titleRuns = (runs: Inlines): Inlines =>
  runs.map((r) => ({ ...r, weight: 'Bolder' as const, size: 'Large' as const }));

/** Renders the summary template; `shortened` says how many answers were cut to fit. */
function renderSummary(
  lang: Language,
  base: { title: string; titleRuns: Inlines; groupName: string; facts: { title: string; value: string }[] },
  sections: RunSection[],
  shortened: number,
  overviewUrl: OverviewLink | string,
): AdaptiveCard {
  return render(summaryTemplate, {
    ...base,
    groupName: base.groupName ? plainRun(base.groupName) : [],
    sections,
    shortened: shortened ? tp(lang, 'summary.shortened', shortened) : '',
    overview: overviewAction(lang, overviewUrl),
  });
}

/**
 * Who took part in a meeting, for the coordinator: the RSVPs, who shared answers (only a count
 * until the answers are shown), who could not come.
 */
function participationSection(
  lang: Language,
  summary: ThemeSummary,
  participation: NonNullable<ThemeSummary['participation']>,
): RunSection {
  const { rsvps, shared, declined } = participation;
  const tally = rsvpTally(rsvps);
  return {
    heading: t(lang, 'summary.attendance'),
    lines: [
      ...(rsvps.length
        ? [
            richLine(lang, 'summary.rsvp', {
              yes: tally.yes.length,
              maybe: tally.maybe.length,
              no: tally.no.length,
            }),
          ]
        : []),
      summary.shown
        ? richLine(lang, 'summary.answered', { names: shared.join(', ') || '–' })
        : richLine(lang, 'meeting.progress.answers', {
            count: summary.answeredCount,
            total: summary.group.members.length,
          }),
      ...(declined.length ? [richLine(lang, 'summary.declined', { names: declined.join(', ') })] : []),
    ],
  };
}

/** The meeting's step as a summary states it. */
function stepText(lang: Language, meeting: Meeting): string {
  return t(lang, `status.meeting.${meeting.status === 'invited' ? 'planned' : meeting.status}`);
}

/**
 * The theme summary of a meeting: when, who took part (the coordinator's), every answer as last
 * edited, what the group chose per question, the agreements. People's texts are runs, never markdown.
 */
export function themeSummaryCard(
  lang: Language,
  summary: ThemeSummary,
  overviewUrl: OverviewLink | string = '',
): RenderedCard {
  const { group, meeting } = summary;
  const n = meeting.number;
  const theme = themeTitle(lang, n);
  const facts = [
    ...(meeting.date
      ? [
          {
            title: t(lang, 'summary.when'),
            value: formatWhen(lang, meeting.date, meeting.start, meeting.end),
          },
        ]
      : []),
    { title: t(lang, 'summary.status'), value: stepText(lang, meeting) },
  ];
  const base = { title: t(lang, 'summary.title', { n, theme }), titleRuns: [], groupName: group.name, facts };
  const card = fitting((limit) => {
    const { sections, shortened } = themeSections(lang, summary, limit);
    return { card: renderSummary(lang, base, sections, shortened, overviewUrl) };
  }).card;
  return { card, summary: t(lang, 'summary.summary', { n, theme }) };
}

/** A theme summary's sections with people's texts cut to `limit`, and how many answers were cut. */
function themeSections(
  lang: Language,
  summary: ThemeSummary,
  limit: number,
): { sections: RunSection[]; shortened: number } {
  const { group, meeting, items, ranked, participation } = summary;
  const n = meeting.number;
  const attendance = participation ? [participationSection(lang, summary, participation)] : [];
  const hidden = {
    heading: t(lang, 'summary.answers'),
    lines: [ownRuns(t(lang, 'summary.answersNotShown'))],
  };
  const answers = summary.shown
    ? itemSections(lang, group, n, items).map((s) => ({
        heading: `${t(lang, 'summary.answers')}: ${s.heading}`,
        lines: s.items.map((text) => bulletRun(ellipsis(text, limit))),
      }))
    : hasStarted(meeting)
      ? [hidden]
      : [];
  const priorities: RunSection[] = ranked.length
    ? chosenSections(lang, n, ranked, limit).map((c) => ({
        heading: c.heading ? `${t(lang, 'summary.priorities')}: ${c.heading}` : t(lang, 'summary.priorities'),
        lines: c.lines.map(plainRun),
      }))
    : [{ heading: t(lang, 'summary.priorities'), lines: [ownRuns(t(lang, 'summary.noPriorities'))] }];
  const closed = meeting.conclusion;
  const agreements: RunSection = {
    heading: t(lang, 'summary.agreements'),
    lines: !closed
      ? [ownRuns(t(lang, 'summary.noAgreements'))]
      : closed.agreements
        ? paragraphRuns(clipParagraphs(closed.agreements, limit * 4))
        : [ownRuns(t(lang, 'summary.agreementsNone'))],
  };
  const shortened = summary.shown ? items.filter((i) => isCut(itemText(group, i), limit)).length : 0;
  return { sections: [...attendance, ...answers, ...priorities, agreements], shortened };
}

/** Each theme's section of the programme summary: what the group chose and its agreements, or how far it got. */
function programmeMeetings(
  lang: Language,
  meetings: readonly Meeting[],
  limit: number,
): { sections: RunSection[]; shortened: number } {
  let shortened = 0;
  const sections = MEETING_NUMBERS.map((n): RunSection => {
    const m = meetings.find((x) => x.number === n);
    const heading = t(lang, 'programme.meeting', { n, theme: themeTitle(lang, n) });
    if (!m?.conclusion) {
      const held = m && m.status !== 'planned' && m.status !== 'invited';
      return { heading, lines: [ownRuns(held ? stepText(lang, m) : t(lang, 'programme.notHeld'))] };
    }
    const { top, agreements } = m.conclusion;
    shortened +=
      top.filter((i) => isCut(i.text, limit)).length + (agreements && isCut(agreements, limit) ? 1 : 0);
    const chosen = top.length
      ? chosenSections(lang, n, top, limit).flatMap((s) => [
          ...(s.heading ? [ownRuns(`**${s.heading}**`)] : []),
          ...s.lines.map(plainRun),
        ])
      : [ownRuns(t(lang, 'conclusion.notChosen'))];
    const agreed = agreements
      ? [factRuns(t(lang, 'summary.agreements'), ellipsis(agreements.replace(/\n/g, ' '), limit))]
      : [];
    return { heading, lines: [...chosen, ...agreed] };
  });
  return { sections, shortened };
}

/**
 * The common project's lines: the project chosen, or the proposals so far (people's texts cut to
 * `limit`), each with what it builds on from the meetings, when that is still stored.
 */
function projectLines(lang: Language, programme: ProgrammeSummary, limit: number): Inlines[] {
  const p = programme.project;
  const cut = (text: string): string => ellipsis(text, limit);
  const chosen = chosenInMeetings(programme.meetings);
  const basis = buildsOnRuns(lang, chosen, p?.buildsOn, limit);
  if (p)
    return [
      [{ type: 'TextRun', text: cut(p.title), weight: 'Bolder' }, ...plainRun(` – ${cut(p.description)}`)],
      plainRun(
        `${t(lang, 'project.owner')}: ${p.owner.name} · ${t(lang, 'project.firstStep')}: ${cut(p.firstStep)} · ${t(lang, 'project.dueDate')}: ${formatDate(lang, p.dueDate)}`,
      ),
      ...(basis.length ? [basis] : []),
    ];
  if (programme.proposals.length)
    return programme.proposals.map((x) => [...plainRun('• '), ...proposalWithBasis(lang, x, chosen, limit)]);
  return [ownRuns(t(lang, 'programme.noProject'))];
}

/** The whole programme so far: each theme's top items and agreements, and the common project. */
export function programmeSummaryCard(
  lang: Language,
  programme: ProgrammeSummary,
  overviewUrl: OverviewLink | string = '',
): RenderedCard {
  const group = programme.group;
  const base = {
    title: '',
    titleRuns: titleRuns(richLine(lang, 'programme.title', { name: group.name })),
    groupName: group.association,
    facts: [],
  };
  const card = fitting((limit) => {
    const { sections, shortened } = programmeMeetings(lang, programme.meetings, limit);
    const project = { heading: t(lang, 'programme.project'), lines: projectLines(lang, programme, limit) };
    return { card: renderSummary(lang, base, [...sections, project], shortened, overviewUrl) };
  }).card;
  return { card, summary: t(lang, 'programme.summary', { name: group.name }) };
}
