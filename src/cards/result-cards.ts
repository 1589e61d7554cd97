import conclusionTemplate from '../../cards/conclusion.json';
import revealTemplate from '../../cards/reveal.json';
import votingTemplate from '../../cards/voting.json';
import { MAX_CHOICES } from '../domain/items';
import type { Group, Item, Language, Meeting, Proposal, RankedItem } from '../domain/types';
import { t } from '../i18n';
import { votesNote } from '../i18n/format';
import { escapeMarkdown, paragraphsOf } from './escape';
import { fieldLabel, themeTitle } from './meeting-cards';
import { render, type RenderedCard } from './render';

/** One pooled item as a line: its text, and its author in a named group. */
export function itemLine(lang: Language, group: Group, item: Item): string {
  const text = escapeMarkdown(item.text).replace(/\n/g, ' ');
  return group.revealMode === 'named'
    ? t(lang, 'reveal.item', { text, name: escapeMarkdown(item.author.name) })
    : text;
}

/** Sections of pooled items: theme 1 as one list of advice, themes 2–4 one list per question. */
export function itemSections(
  lang: Language,
  group: Group,
  n: number,
  items: readonly Item[],
): { heading: string; items: string[] }[] {
  if (n === 1) return [{ heading: themeTitle(lang, 1), items: items.map((i) => itemLine(lang, group, i)) }];
  return [1, 2].map((field) => ({
    heading: fieldLabel(lang, n, field),
    items: items.filter((i) => i.field === field).map((i) => itemLine(lang, group, i)),
  }));
}

/** Every answer of a meeting, posted at reveal (named or anonymous as the group chose). */
export function revealCard(lang: Language, group: Group, n: number, items: readonly Item[]): RenderedCard {
  const note =
    items.length === 0
      ? t(lang, 'reveal.none')
      : group.revealMode === 'anonymous'
        ? t(lang, 'reveal.anonymous')
        : '';
  const model = {
    title: t(lang, 'reveal.title', { n, theme: themeTitle(lang, n) }),
    note,
    sections: itemSections(lang, group, n, items),
  };
  return { card: render(revealTemplate, model), summary: t(lang, 'reveal.summary', { n }) };
}

/** A choice's title, with the number of the question it answers when the theme asks two. */
function numbered(lang: Language, n: number, item: Item, text: string): string {
  return n === 1 ? text : t(lang, 'voting.choice', { i: item.field, text });
}

/** The prioritising card: every pooled item as a choice (id `choices`); `mine` pre-selects the caller's. */
export function votingCard(
  lang: Language,
  group: Group,
  n: number,
  items: readonly Item[],
  mine: readonly string[] = [],
  notice = '',
): RenderedCard {
  const model = {
    title: t(lang, 'voting.title', { n, theme: themeTitle(lang, n) }),
    intro: t(lang, 'voting.intro', { max: MAX_CHOICES }),
    notice,
    label: t(lang, 'voting.label', { max: MAX_CHOICES }),
    value: mine.join(','),
    questions:
      n === 1 ? [] : [1, 2].map((i) => t(lang, 'voting.question', { i, question: fieldLabel(lang, n, i) })),
    choices: [...items]
      .sort((x, y) => (n === 1 ? 0 : x.field - y.field))
      .map((i) => ({
        title: numbered(lang, n, i, group.revealMode === 'named' ? `${i.text} – ${i.author.name}` : i.text),
        value: i.id,
      })),
    submit: t(lang, 'voting.submit'),
    meeting: n,
  };
  return { card: render(votingTemplate, model), summary: t(lang, 'voting.summary', { n }) };
}

/** A ranked item's votes, with the question it answers when the theme asks two: "spørgsmål 2 · 3 stemmer". */
export function rankedNote(lang: Language, n: number, item: Pick<RankedItem, 'votes' | 'field'>): string {
  return votesNote(lang, item.votes, n > 1 ? item.field : undefined);
}

/** The conclusion of a closed meeting; after meeting 4 it gathers the project proposals too. */
export function conclusionCard(
  lang: Language,
  meeting: Meeting,
  proposals: readonly Proposal[] = [],
  notice = '',
): RenderedCard {
  const n = meeting.number;
  const conclusion = meeting.conclusion;
  const top = conclusion?.top ?? [];
  const anyVotes = top.some((i) => i.votes > 0);
  const last = n === 4;
  const model = {
    title: t(lang, 'conclusion.title', { n, theme: themeTitle(lang, n) }),
    notice,
    topTitle: t(lang, n === 1 ? 'conclusion.top.1' : 'conclusion.top.other'),
    top: top.map(
      (i, k) => `${k + 1}. ${escapeMarkdown(i.text).replace(/\n/g, ' ')} (${rankedNote(lang, n, i)})`,
    ),
    tieRule: t(lang, anyVotes ? 'conclusion.tieRule' : 'conclusion.noVotes'),
    agreementsTitle: t(lang, 'conclusion.agreements'),
    agreements: paragraphsOf(conclusion?.agreements ?? ''),
    next: last
      ? t(lang, 'conclusion.projectNext')
      : t(lang, 'conclusion.next', { theme: themeTitle(lang, n + 1) }),
    proposalsTitle: t(lang, 'project.proposalsTitle'),
    proposals: proposals.map((p) => proposalLine(lang, p)),
    inviteLabel: last ? '' : t(lang, 'meeting.button.nextInvite', { n: n + 1 }),
    nextMeeting: n + 1,
    proposeLabel: last ? t(lang, 'project.proposeButton') : '',
    titleLabel: t(lang, 'project.titleLabel'),
    descriptionLabel: t(lang, 'project.descriptionLabel'),
    submitProposal: t(lang, 'project.submitProposal'),
    startVoteLabel: last ? t(lang, 'project.startVoteButton') : '',
    required: t(lang, 'error.required'),
  };
  return { card: render(conclusionTemplate, model), summary: t(lang, 'conclusion.summary', { n }) };
}

/** A proposal as a line: title, who proposed it, description. */
export function proposalLine(lang: Language, p: Proposal): string {
  return t(lang, 'project.proposal', {
    title: escapeMarkdown(p.title),
    name: escapeMarkdown(p.name),
    description: escapeMarkdown(p.description).replace(/\n/g, ' '),
  });
}
