import confirmTemplate from '../../cards/confirm.json';
import sectionsTemplate from '../../cards/sections.json';
import type { MyGroupData } from '../app/data-rights';
import type { Language } from '../domain/types';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import { escapeMarkdown } from './escape';
import { pageSections, type Section } from './fit';
import { render, type RenderedCard } from './render';

/** Model of cards/sections.json: a title, an introduction, headed lists (my data, across groups) and page buttons. */
export interface SectionsModel {
  title: string;
  intro: string;
  groups: Section[];
  pages: { title: string; page: number }[];
}

function groupLines(lang: Language, g: MyGroupData): string[] {
  const e = escapeMarkdown;
  return [
    ...(g.coordinator ? [t(lang, 'myData.coordinator')] : []),
    ...(g.role
      ? [
          t(lang, 'myData.role', {
            title: e(g.role.title),
            category: t(lang, `roleShort.${g.role.category}`),
            date: formatDate(lang, g.role.joinedAt.slice(0, 10)),
          }),
        ]
      : []),
    ...g.rsvps.map((r) => t(lang, 'myData.rsvp', { n: r.meeting, response: t(lang, `rsvp.${r.response}`) })),
    ...g.answers.map((a) =>
      t(lang, 'myData.answer', { n: a.meeting, text: a.fields.filter(Boolean).map(e).join(' · ') }),
    ),
    ...g.votes.map((v) => t(lang, 'myData.vote', { n: v.meeting, choices: v.choices.map(e).join(' · ') })),
    ...g.proposals.map((p) =>
      t(lang, 'myData.proposal', { title: e(p.title), description: e(p.description) }),
    ),
    ...(g.projectVote ? [t(lang, 'myData.projectVote', { title: e(g.projectVote) })] : []),
    ...(g.projectOwner ? [t(lang, 'myData.projectOwner', { title: e(g.projectOwner) })] : []),
    ...(g.signedInvitations ?? []).map((n) => t(lang, 'myData.signature', { n })),
  ];
}

/**
 * `mine data`: everything stored about the person, group by group, in full. When it is more than
 * one card holds, it comes in pages (1-based `page`) with buttons to the previous and next page.
 */
export function myDataCard(lang: Language, data: MyGroupData[], page = 1): RenderedCard {
  const title = t(lang, 'myData.title');
  const intro = data.length ? tp(lang, 'myData.intro', data.length) : t(lang, 'myData.none');
  const build = (groups: Section[], part: number, total: number) => {
    const model: SectionsModel = {
      title,
      intro: total > 1 ? `${intro} ${t(lang, 'myData.page', { part, total })}` : intro,
      groups,
      pages: [
        ...(part > 1 ? [{ title: t(lang, 'myData.previous'), page: part - 1 }] : []),
        ...(part < total ? [{ title: t(lang, 'myData.next'), page: part + 1 }] : []),
      ],
    };
    return render(sectionsTemplate, model);
  };
  const sections = data.map((g) => ({
    heading: `${escapeMarkdown(g.groupName)} – ${escapeMarkdown(g.association)}`,
    lines: groupLines(lang, g),
  }));
  const pages = pageSections(sections, build, (heading) => t(lang, 'reveal.continued', { heading }));
  const k = Math.min(Math.max(1, Math.floor(page) || 1), pages.length);
  return { card: build(pages[k - 1], k, pages.length), summary: title };
}

/** Model of cards/confirm.json: a question, and a destructive button (none once it is done). */
export interface ConfirmModel {
  title: string;
  body: string;
  notice: string;
  button: string;
  verb: string;
  /** Binds the button to the person who asked (see app/confirmation.ts). */
  token?: string;
}

/** Asks before something that cannot be undone; `done` replaces the button with what happened. */
export function confirmCard(model: ConfirmModel): RenderedCard {
  return { card: render(confirmTemplate, { ...model, token: model.token ?? '' }), summary: model.title };
}

/**
 * What stands in the chat in place of a card of the bot's once its data is deleted: the whole group
 * (`whole`), or a person's answers or name; says what stays.
 */
export function deletedCard(lang: Language, whole: boolean): RenderedCard {
  return confirmCard({
    title: t(lang, 'deleted.title'),
    body: t(lang, whole ? 'deleted.group' : 'deleted.person'),
    notice: '',
    button: '',
    verb: '',
  });
}
