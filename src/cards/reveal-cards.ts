/**
 * What a meeting's answers look like once the coordinator shows them: every pooled item as people's
 * plain text, under its question, in one card or several in order.
 */
import revealTemplate from '../../cards/reveal.json';
import { fieldCount, type MeetingNumber } from '../domain/themes';
import type { Group, Item, Language } from '../domain/types';
import { t } from '../i18n';
import { paged } from './fit';
import { fieldLabel, themeTitle } from './meeting-cards';
import { bulletRun } from './rich-text';
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
