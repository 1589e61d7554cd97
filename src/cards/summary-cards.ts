import summaryTemplate from '../../cards/summary.json';
import { MEETING_NUMBERS } from '../domain/themes';
import { rsvpTally } from '../domain/snapshot';
import type { Language, Meeting, Proposal } from '../domain/types';
import { hasStarted } from '../domain/meeting';
import { t, tp } from '../i18n';
import { formatDate, formatWhen } from '../i18n/format';
import type { ProgrammeSummary, ThemeSummary } from '../app/summary';
import { escapeMarkdown, paragraphsOf } from './escape';
import { clipParagraphs, ellipsisMarkdown, fitting, type Section } from './fit';
import { themeTitle } from './meeting-cards';
import { overviewAction, type OverviewLink } from './overview-action';
import { render, type AdaptiveCard, type RenderedCard } from './render';
import { chosenSections } from './chosen-cards';
import { itemSections } from './result-cards';

/**
 * Renders, shortening the lines of the `shortenable` sections step by step until the card fits
 * the budget; says how many lines of the `counted` sections (the answers) were cut.
 */
function renderFitting(
  lang: Language,
  base: Record<string, unknown>,
  sections: Section[],
  shortenable: Set<Section>,
  counted: Set<Section> = shortenable,
): AdaptiveCard {
  return fitting((limit) => {
    let shortened = 0;
    const fitted = sections.map((s) =>
      shortenable.has(s)
        ? {
            ...s,
            lines: s.lines.map((l) => {
              const c = ellipsisMarkdown(l, limit);
              if (c !== l && counted.has(s)) shortened++;
              return c;
            }),
          }
        : s,
    );
    const card = render(summaryTemplate, {
      ...base,
      sections: fitted,
      shortened: shortened ? tp(lang, 'summary.shortened', shortened) : '',
    });
    return { card };
  }).card;
}

/**
 * Who took part in a meeting, for the coordinator: the RSVPs, who shared answers (only a count
 * until the answers are shown), who could not come.
 */
function participationSection(
  lang: Language,
  summary: ThemeSummary,
  participation: NonNullable<ThemeSummary['participation']>,
): Section {
  const { rsvps, shared, declined } = participation;
  const names = (list: string[]): string => list.map((name) => escapeMarkdown(name)).join(', ');
  const tally = rsvpTally(rsvps);
  return {
    heading: t(lang, 'summary.attendance'),
    lines: [
      ...(rsvps.length
        ? [t(lang, 'summary.rsvp', { yes: tally.yes.length, maybe: tally.maybe.length, no: tally.no.length })]
        : []),
      summary.shown
        ? t(lang, 'summary.answered', { names: names(shared) || '–' })
        : t(lang, 'meeting.progress.answers', {
            count: summary.answeredCount,
            total: summary.group.members.length,
          }),
      ...(declined.length ? [t(lang, 'summary.declined', { names: names(declined) })] : []),
    ],
  };
}

/** The meeting's step as a summary states it. */
function stepText(lang: Language, meeting: Meeting): string {
  return t(lang, `status.meeting.${meeting.status === 'invited' ? 'planned' : meeting.status}`);
}

/**
 * The theme summary of a meeting: when, who took part (the coordinator's), every answer as last
 * edited, what the group chose per question, the agreements.
 */
export function themeSummaryCard(
  lang: Language,
  summary: ThemeSummary,
  overviewUrl: OverviewLink | string = '',
): RenderedCard {
  const { group, meeting, items, ranked, participation } = summary;
  const n = meeting.number;
  const theme = themeTitle(lang, n);
  const attendance = participation ? [participationSection(lang, summary, participation)] : [];
  const hidden: Section = {
    heading: t(lang, 'summary.answers'),
    lines: [t(lang, 'summary.answersNotShown')],
  };
  const answers = summary.shown
    ? itemSections(lang, group, n, items).map((s) => ({
        heading: `${t(lang, 'summary.answers')}: ${s.heading}`,
        lines: s.items.map((l) => `- ${l}`),
      }))
    : hasStarted(meeting)
      ? [hidden]
      : [];
  const chosen = chosenSections(lang, n, ranked, Infinity, escapeMarkdown);
  const priorities: Section[] = ranked.length
    ? chosen.map((c) => ({
        heading: c.heading ? `${t(lang, 'summary.priorities')}: ${c.heading}` : t(lang, 'summary.priorities'),
        lines: c.lines,
      }))
    : [{ heading: t(lang, 'summary.priorities'), lines: [t(lang, 'summary.noPriorities')] }];
  const closed = meeting.conclusion;
  const agreements: Section = {
    heading: t(lang, 'summary.agreements'),
    lines: !closed
      ? [t(lang, 'summary.noAgreements')]
      : closed.agreements
        ? paragraphsOf(clipParagraphs(closed.agreements, Infinity))
        : [t(lang, 'summary.agreementsNone')],
  };
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
  const title = t(lang, 'summary.title', { n, theme });
  const sections = [...attendance, ...answers, ...priorities, agreements];
  const card = renderFitting(
    lang,
    { title, groupName: escapeMarkdown(group.name), facts, overview: overviewAction(lang, overviewUrl) },
    sections,
    new Set(sections),
    new Set(answers),
  );
  return { card, summary: t(lang, 'summary.summary', { n, theme }) };
}

/** Each theme's section of the programme summary: what the group chose and its agreements, or how far it got. */
function programmeMeetings(lang: Language, meetings: readonly Meeting[]): Section[] {
  return MEETING_NUMBERS.map((n) => {
    const m = meetings.find((x) => x.number === n);
    const heading = t(lang, 'programme.meeting', { n, theme: themeTitle(lang, n) });
    if (!m?.conclusion)
      return {
        heading,
        lines: [
          m && m.status !== 'planned' && m.status !== 'invited'
            ? stepText(lang, m)
            : t(lang, 'programme.notHeld'),
        ],
      };
    const { top, agreements } = m.conclusion;
    const chosen = top.length
      ? chosenSections(lang, n, top).flatMap((s) => (s.heading ? [`**${s.heading}**`, ...s.lines] : s.lines))
      : [t(lang, 'conclusion.notChosen')];
    const agreed = agreements
      ? [`**${t(lang, 'summary.agreements')}:** ${escapeMarkdown(agreements).replace(/\n/g, ' ')}`]
      : [];
    return { heading, lines: [...chosen, ...agreed] };
  });
}

/** The whole programme so far: each theme's top items and agreements, and the common project. */
export function programmeSummaryCard(
  lang: Language,
  programme: ProgrammeSummary,
  overviewUrl: OverviewLink | string = '',
): RenderedCard {
  const meetings = programmeMeetings(lang, programme.meetings);
  const p = programme.project;
  const project: Section = {
    heading: t(lang, 'programme.project'),
    lines: p
      ? [
          `**${escapeMarkdown(p.title)}** – ${escapeMarkdown(p.description)}`,
          `${t(lang, 'project.owner')}: ${escapeMarkdown(p.owner.name)} · ${t(lang, 'project.firstStep')}: ${escapeMarkdown(p.firstStep)} · ${t(lang, 'project.dueDate')}: ${formatDate(lang, p.dueDate)}`,
        ]
      : programme.proposals.length
        ? programme.proposals.map((x) => `- ${proposalMarkdown(lang, x)}`)
        : [t(lang, 'programme.noProject')],
  };
  const group = programme.group;
  const title = t(lang, 'programme.title', { name: escapeMarkdown(group.name) });
  const card = renderFitting(
    lang,
    {
      title,
      groupName: escapeMarkdown(group.association),
      facts: [],
      overview: overviewAction(lang, overviewUrl),
    },
    [...meetings, project],
    new Set([...meetings, project]),
    new Set(meetings),
  );
  return { card, summary: t(lang, 'programme.summary', { name: group.name }) };
}

/** A proposal as a markdown line of the summary: title, who proposed it, description (people's text escaped). */
function proposalMarkdown(lang: Language, p: Proposal): string {
  return t(lang, 'project.proposal', {
    title: escapeMarkdown(p.title),
    name: escapeMarkdown(p.name),
    description: escapeMarkdown(p.description).replace(/\n/g, ' '),
  });
}
