import chosenTemplate from '../../cards/chosen.json';
import { byQuestion } from '../domain/items';
import type { Language, RankedItem } from '../domain/types';
import { t } from '../i18n';
import { questionShort, votesNote } from '../i18n/format';
import { ellipsis, fitting, isCut } from './fit';
import { themeTitle } from './meeting-cards';
import { render, type RenderedCard } from './render';
import { plainRun } from './rich-text';

/** A chosen item as a numbered line of people's plain text: "1. Tag … (valgt af 6)". */
function chosenLine(
  lang: Language,
  item: RankedItem,
  k: number,
  limit: number,
  shown: (text: string) => string,
): string {
  const text = shown(ellipsis(item.text, limit).replace(/\n/g, ' '));
  return `${k + 1}. ${text} (${votesNote(lang, item.votes)})`;
}

/**
 * What a group chose in meeting n, one section per question (a heading when there are several): the
 * most chosen items, or a line that says nobody chose among that question's answers. People's text
 * goes through `shown` (plain for TextRuns, escaped for a markdown TextBlock).
 */
export function chosenSections(
  lang: Language,
  n: number,
  top: readonly RankedItem[],
  limit = Infinity,
  shown: (text: string) => string = (text) => text,
): { heading: string; lines: string[] }[] {
  const questions = byQuestion(n, top);
  return questions.map((q) => ({
    heading: questions.length > 1 ? questionShort(lang, n, q.question) : '',
    lines: q.items.length
      ? q.items.map((i, k) => chosenLine(lang, i, k, limit, shown))
      : [t(lang, 'chosen.noneHere')],
  }));
}

/** The card posted when choosing ends: what the group chose, before the agreements. */
export function chosenCard(lang: Language, n: number, top: readonly RankedItem[]): RenderedCard {
  return fitting((limit) => {
    const cut = top.some((i) => isCut(i.text, limit));
    const model = {
      title: t(lang, 'chosen.title', { n, theme: themeTitle(lang, n) }),
      intro: top.length ? '' : t(lang, 'chosen.none'),
      sections: top.length
        ? chosenSections(lang, n, top, limit).map((c) => ({
            heading: c.heading,
            lines: c.lines.map(plainRun),
          }))
        : [],
      next: t(lang, n === 4 ? 'chosen.nextLast' : 'chosen.next'),
      note: cut ? t(lang, 'voting.shortened') : '',
    };
    return { card: render(chosenTemplate, model), summary: t(lang, 'chosen.summary', { n }) };
  });
}
