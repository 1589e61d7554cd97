/** The choosing card: the items a group chooses among after a meeting, each person's own choices pre-selected. */
import votingTemplate from '../../cards/voting.json';
import { choosableItems, MAX_CHOICES } from '../domain/items';
import { choosableQuestions } from '../domain/themes';
import type { Group, Item, Language } from '../domain/types';
import { t } from '../i18n';
import { questionShort } from '../i18n/format';
import { ellipsis, fitting, isCut } from './fit';
import { fieldLabel, themeTitle } from './meeting-cards';
import { execute } from './actions';
import { render, type RenderedCard } from './render';

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
