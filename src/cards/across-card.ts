import acrossTemplate from '../../cards/across.json';
import type { AcrossView } from '../app/across';
import type { Language } from '../domain/types';
import { t, tp } from '../i18n';
import { ellipsis, fitting } from './fit';
import { themeTitle } from './meeting-cards';
import { render, type RenderedCard } from './render';
import { ownRuns, richLine, type Inlines } from './rich-text';

/** Model of cards/across.json: people's texts (answers, group names) only in runs. */
interface AcrossModel {
  title: string;
  intro: Inlines;
  groups: { heading: string; lines: Inlines[] }[];
}

/** Most ideas and unique answers a card lists at each line limit (Teams' card size); the rest are counted. */
const MAX_LINES = new Map([
  [Infinity, 40],
  [400, 40],
  [300, 30],
  [200, 25],
  [120, 20],
  [80, 15],
  [40, 10],
]);

/** `på tværs N`: what recurs across the groups (with how widely) and what is unique to one. */
export function acrossCard(lang: Language, view: AcrossView): RenderedCard {
  return fitting((limit) => acrossCardWithin(lang, view, limit));
}

function acrossCardWithin(lang: Language, view: AcrossView, limit: number): RenderedCard {
  const e = (text: string): string => ellipsis(text, limit);
  const lines = MAX_LINES.get(limit) ?? 10;
  const theme = themeTitle(lang, view.meeting);
  const recurring = view.recurring.slice(0, lines).map((r) =>
    richLine(lang, r.associations === 1 ? 'across.recurringLineOneAssociation' : 'across.recurringLine', {
      text: r.texts.slice(0, 3).map(e).join(' · '),
      groups: tp(lang, 'across.groups', r.groups),
      associations: tp(lang, 'across.associations', r.associations),
    }),
  );
  const unique = view.unique
    .slice(0, lines)
    .map((u) => richLine(lang, 'across.uniqueLine', { text: e(u.text), group: e(u.group) }));
  const silent = view.groups.filter((g) => g.answers === 0).length;
  const more = view.recurring.length + view.unique.length - recurring.length - unique.length;
  const answered = view.groups.filter((g) => g.answers > 0);
  // The intro names as many groups as the card lists lines, and counts the rest.
  const named = answered
    .slice(0, lines)
    .map((g) => `${e(g.name)} (${g.answers})`)
    .join(', ');
  const groups =
    answered.length > lines
      ? tp(lang, 'across.groupsMore', answered.length - lines, { groups: named })
      : named;
  const model: AcrossModel = {
    title: t(lang, 'across.title', { n: view.meeting, theme }),
    intro: [
      ...richLine(lang, 'across.intro', { groups }),
      ...pageLines(lang, view).flatMap((line) => ownRuns(` ${line}`)),
    ],
    groups: [
      {
        heading: t(lang, 'across.recurring'),
        lines: recurring.length ? recurring : [ownRuns(t(lang, 'across.noneRecurring'))],
      },
      {
        heading: t(lang, 'across.unique'),
        lines: unique.length ? unique : [ownRuns(t(lang, 'across.noneUnique'))],
      },
      ...(more > 0 ? [{ heading: '', lines: [ownRuns(t(lang, 'across.more', { count: more }))] }] : []),
      ...(silent > 0 ? [{ heading: '', lines: [ownRuns(tp(lang, 'across.silent', silent))] }] : []),
    ],
  };
  return { card: render(acrossTemplate, model), summary: model.title };
}

/** Which page of the groups the card shows, and how to ask for the next (only when there are several). */
function pageLines(lang: Language, { meeting, paging }: AcrossView): string[] {
  if (paging.pages <= 1) return [];
  const page = t(lang, 'across.page', paging);
  if (paging.page >= paging.pages) return [page];
  return [page, t(lang, 'across.nextPage', { n: meeting, next: paging.page + 1 })];
}
