import conclusionTemplate from '../../cards/conclusion.json';
import revealTemplate from '../../cards/reveal.json';
import votingTemplate from '../../cards/voting.json';
import { choosableItems, MAX_CHOICES } from '../domain/items';
import { choosableQuestions, fieldCount, type MeetingNumber } from '../domain/themes';
import { basisOf, type ChosenInMeeting } from '../domain/project-basis';
import type { Group, Item, Language, Meeting, Proposal } from '../domain/types';
import { coordinates, EVERYONE, refreshUserIds, takesPart, type Viewer } from '../domain/viewer';
import { t } from '../i18n';
import { questionShort } from '../i18n/format';
import { clipParagraphs, ellipsis, fitting, isCut, paged } from './fit';
import { fieldLabel, themeTitle } from './meeting-cards';
import { execute, ownViewButton, withRefresh, type VerbAction } from './actions';
import { bulletRun, paragraphRuns, plainRun, richLine, type Inlines, type TextRun } from './rich-text';
import { chosenSections } from './chosen-cards';
import { buildsOnRuns } from './proposal-form-card';
import { render, type RenderedCard } from './render';

/** One pooled item as people's plain text (never parsed as markdown): its text, and its author in a named group. */
export function itemText(group: Group, item: Item): string {
  const text = item.text.replace(/\n/g, ' ');
  return group.revealMode === 'named' ? `${text} – ${item.author.name}` : text;
}

/** A note that a card was split in parts, or '' for a card in one part. */
export function partNote(
  lang: Language,
  key: 'reveal.part' | 'project.part',
  part: number,
  total: number,
): string {
  return total > 1 ? t(lang, key, { part, total }) : '';
}

/** Sections of pooled items as people's plain texts: theme 1 as one list of advice, themes 2–4 one list per question. */
export function itemSections(
  lang: Language,
  group: Group,
  n: number,
  items: readonly Item[],
): { heading: string; items: string[] }[] {
  if (n === 1) return [{ heading: themeTitle(lang, 1), items: items.map((i) => itemText(group, i)) }];
  const fields = Array.from({ length: fieldCount(n as MeetingNumber) }, (_, i) => i + 1);
  return fields.map((field) => ({
    heading: fieldLabel(lang, n, field),
    items: items.filter((i) => i.field === field).map((i) => itemText(group, i)),
  }));
}

/**
 * Every answer of a meeting in full, posted at reveal (named or anonymous as the group chose): one
 * card, or several in order when the answers are more than one card holds.
 */
export function revealCards(lang: Language, group: Group, n: number, items: readonly Item[]): RenderedCard[] {
  const note =
    items.length === 0
      ? t(lang, 'reveal.none')
      : group.revealMode === 'anonymous'
        ? t(lang, 'reveal.anonymous')
        : '';
  const title = t(lang, 'reveal.title', { n, theme: themeTitle(lang, n) });
  const sections =
    n === 1
      ? [{ heading: themeTitle(lang, 1), lines: items.map((i) => itemText(group, i)) }]
      : Array.from({ length: fieldCount(n as MeetingNumber) }, (_, k) => k + 1).map((field) => ({
          heading: fieldLabel(lang, n, field),
          lines: items.filter((i) => i.field === field).map((i) => itemText(group, i)),
        }));
  const cards = paged(
    sections,
    (part, k, total) =>
      render(revealTemplate, {
        title,
        note: [note, partNote(lang, 'reveal.part', k, total)].filter(Boolean).join(' '),
        sections: part.map((s) => ({ heading: s.heading, items: s.lines.map(bulletRun) })),
      }),
    (heading) => t(lang, 'reveal.continued', { heading }),
  );
  return cards.map((card) => ({ card, summary: t(lang, 'reveal.summary', { n }) }));
}

/** The questions of meeting n the group chooses among, more than one: each choice is marked with its question. */
function marked(n: number): boolean {
  return choosableQuestions(n).length > 1;
}

/** A choice's title, with its question's short name when the group chooses among several: "Virker i dag: …". */
function choiceTitle(lang: Language, n: number, item: Item, text: string): string {
  return marked(n) ? t(lang, 'voting.choice', { question: questionShort(lang, n, item.field), text }) : text;
}

/**
 * The choosing card: every item the group chooses among as a choice (id `choices`); `mine`
 * pre-selects the caller's. Long answers are shortened with an ellipsis as far as the card budget needs.
 */
export function votingCard(
  lang: Language,
  group: Group,
  n: number,
  items: readonly Item[],
  mine: readonly string[] = [],
  notice = '',
): RenderedCard {
  return fitting((limit) => votingCardWithin(lang, group, n, choosableItems(n, items), mine, notice, limit));
}

function votingCardWithin(
  lang: Language,
  group: Group,
  n: number,
  items: readonly Item[],
  mine: readonly string[],
  notice: string,
  limit: number,
): RenderedCard {
  const kind = n === 1 ? '1' : n === 2 ? '2' : 'other';
  const intro = items.length
    ? t(lang, `voting.intro.${kind}`, { max: MAX_CHOICES })
    : t(lang, 'voting.nothing', { question: fieldLabel(lang, n, choosableQuestions(n)[0]) });
  const cut = items.some((i) => isCut(i.text, limit));
  const text = (i: Item): string => ellipsis(i.text, limit);
  const model = {
    title: t(lang, 'voting.title', { n, theme: themeTitle(lang, n) }),
    intro: cut ? `${intro} ${t(lang, 'voting.shortened')}` : intro,
    notice,
    label: t(lang, marked(n) ? 'voting.labelEach' : 'voting.label', { max: MAX_CHOICES }),
    value: mine.join(','),
    choices: [...items]
      .sort((x, y) => (n === 1 ? 0 : x.field - y.field))
      .map((i) => ({
        title: choiceTitle(
          lang,
          n,
          i,
          group.revealMode === 'named' ? `${text(i)} – ${i.author.name}` : text(i),
        ),
        value: i.id,
      })),
    submitAction: items.length ? execute('vote', t(lang, 'voting.submit'), { meeting: n }) : null,
  };
  return { card: render(votingTemplate, model), summary: t(lang, 'voting.summary', { n }) };
}

/** Meeting 4's proposals so far, with what each builds on (`fromMeetings`: what the group chose in meetings 1–4). */
export interface ProposalsSoFar {
  proposals: readonly Proposal[];
  fromMeetings: readonly ChosenInMeeting[];
}

/**
 * The conclusion of a closed meeting, as `viewer` sees it; after meeting 4 it gathers the project
 * proposals too. `notice` confirms the clicker's step in their own view.
 */
export function conclusionCard(
  lang: Language,
  group: Group,
  meeting: Meeting,
  proposals: ProposalsSoFar = { proposals: [], fromMeetings: [] },
  viewer: Viewer = EVERYONE,
  notice: Inlines = [],
): RenderedCard {
  return fitting((limit) => conclusionCardWithin(lang, group, meeting, proposals, viewer, notice, limit));
}

/** The conclusion's buttons for `viewer`: a proposal (meeting 4), the coordinator's next step, the own view. */
function conclusionActions(lang: Language, group: Group, n: number, viewer: Viewer): VerbAction[] {
  const last = n === 4;
  const everyone = viewer.kind === 'everyone';
  const propose = last && (everyone || takesPart(viewer));
  return [
    ...(propose ? [execute('openProposal', t(lang, 'project.proposeButton'))] : []),
    ...(coordinates(viewer) && !last
      ? [execute('openInvitation', t(lang, 'meeting.button.nextInvite', { n: n + 1 }), { meeting: n + 1 })]
      : []),
    ...(coordinates(viewer) && last && !group.projectVote
      ? [execute('startProjectVote', t(lang, 'project.startVoteButton'))]
      : []),
    ...(everyone ? [ownViewButton(t(lang, 'view.mine'), { card: 'conclusion', meeting: n })] : []),
  ];
}

function conclusionCardWithin(
  lang: Language,
  group: Group,
  meeting: Meeting,
  { proposals, fromMeetings }: ProposalsSoFar,
  viewer: Viewer,
  notice: Inlines,
  limit: number,
): RenderedCard {
  const n = meeting.number;
  const conclusion = meeting.conclusion;
  const top = conclusion?.top ?? [];
  const last = n === 4;
  const cut =
    top.some((i) => isCut(i.text, limit)) ||
    proposals.some((p) => isCut(p.description, limit) || isCut(p.title, limit)) ||
    proposals.some((p) => isCut(basisOf(fromMeetings, p.buildsOn)?.text ?? '', limit));
  const agreements = paragraphRuns(clipParagraphs(conclusion?.agreements ?? '', limit * 4));
  const model = {
    title: t(lang, 'conclusion.title', { n, theme: themeTitle(lang, n) }),
    notice,
    topTitle: t(lang, n === 1 ? 'conclusion.top.1' : 'conclusion.top.other'),
    top: top.length
      ? chosenSections(lang, n, top, limit).flatMap((s): Inlines[] => [
          ...(s.heading ? [[{ type: 'TextRun', text: s.heading, weight: 'Bolder' } as TextRun]] : []),
          ...s.lines.map(plainRun),
        ])
      : [plainRun(t(lang, 'conclusion.notChosen'))],
    tieRule: cut ? t(lang, 'conclusion.shortened') : '',
    agreementsTitle: agreements.length ? t(lang, 'conclusion.agreements') : '',
    agreements,
    next: last
      ? t(lang, 'conclusion.projectNext')
      : t(lang, 'conclusion.next', { theme: themeTitle(lang, n + 1) }),
    proposalsTitle: t(lang, 'project.proposalsTitle'),
    proposals: proposals.map((p) => proposalWithBasis(lang, p, fromMeetings, limit)),
    actions: conclusionActions(lang, group, n, viewer),
  };
  const ref = { card: 'conclusion' as const, meeting: n };
  const card = withRefresh(
    render(conclusionTemplate, model),
    ref,
    t(lang, 'view.mine'),
    refreshUserIds(group),
  );
  return { card, summary: t(lang, 'conclusion.summary', { n }) };
}

/** A proposal's line, then " – Bygger videre på: … (fra møde N)" when it builds on something still stored (a reference, resolved here). */
export function proposalWithBasis(
  lang: Language,
  p: Proposal,
  fromMeetings: readonly ChosenInMeeting[],
  limit = Infinity,
): Inlines {
  const basis = buildsOnRuns(lang, fromMeetings, p.buildsOn, limit);
  return [...proposalLine(lang, p, limit), ...(basis.length ? [...plainRun(' – '), ...basis] : [])];
}

/** A proposal as runs: its title in bold, who proposed it, its description (title and description cut to `limit`). */
export function proposalLine(lang: Language, p: Proposal, limit = Infinity): Inlines {
  return richLine(lang, 'project.proposal', {
    title: ellipsis(p.title, limit),
    name: p.name,
    description: ellipsis(p.description, limit).replace(/\n/g, ' '),
  });
}
