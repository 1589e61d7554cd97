import type { AdaptiveCard } from './render';

/**
 * Every card the bot sends stays within this many bytes (UTF-8, the whole attachment). Teams
 * refuses a message above about 28 KB with 413 MessageSizeTooBig; the last kilobyte is left for
 * the activity around the card.
 */
export const CARD_BUDGET_BYTES = 27 * 1024;

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The size of a card as sent: the UTF-8 bytes of its whole attachment. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify({ contentType: CARD_TYPE, content: card }));
}

/** True when a card is within the budget. */
export function fits(card: AdaptiveCard): boolean {
  return cardBytes(card) <= CARD_BUDGET_BYTES;
}

/** Cuts a text to at most `max` characters, ending with an ellipsis when something was cut. */
export function ellipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** `ellipsis` for text already escaped for markdown: never leaves half an escape (a lone backslash) at the cut. */
export function ellipsisMarkdown(text: string, max: number): string {
  const cut = ellipsis(text, max);
  if (cut === text) return text;
  const kept = cut.slice(0, -1);
  const backslashes = /\\*$/.exec(kept)![0].length;
  return `${backslashes % 2 ? kept.slice(0, -1) : kept}…`;
}

/** True when `ellipsis(text, max)` would cut. */
export function isCut(text: string, max: number): boolean {
  return text.length > max && [...text].length > max;
}

/**
 * Keeps a multi-paragraph text to at most `max` characters in at most `paragraphs` paragraphs
 * (the rest joins the last one), so a text of many short paragraphs cannot become many elements.
 */
export function clipParagraphs(text: string, max: number, paragraphs = 20): string {
  const parts = text.split(/\n\s*\n/);
  const kept =
    parts.length > paragraphs
      ? [...parts.slice(0, paragraphs - 1), parts.slice(paragraphs - 1).join(' ')]
      : parts;
  return ellipsis(kept.join('\n\n'), max);
}

/** The longest text (in characters) a shortened line keeps, tried in order until a card fits. */
export const LINE_LIMITS: readonly number[] = [Infinity, 400, 300, 200, 120, 80, 40];

/**
 * Builds a card with each line limit in turn and returns the first that fits the budget (the
 * shortest when none does). `build` cuts every text from a person with `ellipsis(text, limit)`.
 */
export function fitting<T extends { card: AdaptiveCard }>(
  build: (limit: number) => T,
  limits: readonly number[] = LINE_LIMITS,
): T {
  let built: T | undefined;
  for (const limit of limits) {
    built = build(limit);
    if (fits(built.card)) return built;
  }
  return built!;
}

/** A headed list of lines, as the reveal, `mine data` and summary cards show them. */
export interface Section {
  heading: string;
  lines: string[];
}

/** Renders some sections as part `part` of `total`. */
export type PartBuilder = (sections: Section[], part: number, total: number) => AdaptiveCard;

const jsonBytes = (s: string): number => Buffer.byteLength(JSON.stringify(s)) - 2;

/**
 * Splits headed lists over as few parts as fit the budget, in order; a list split over two parts
 * has its heading again on the next (through `continued`). One part when everything fits.
 */
export function pageSections(
  sections: readonly Section[],
  build: PartBuilder,
  continued: (heading: string) => string,
): Section[][] {
  // The templates are linear in their lines: measure what an empty card, a section and a line cost.
  const empty = cardBytes(build([], 999, 999));
  const oneSection = cardBytes(build([{ heading: '', lines: [''] }], 999, 999));
  const perLine = cardBytes(build([{ heading: '', lines: ['', ''] }], 999, 999)) - oneSection;
  const perSection = oneSection - empty - perLine;
  const estimate = sections.reduce(
    (sum, s) =>
      sum + perSection + jsonBytes(s.heading) + s.lines.reduce((n, l) => n + perLine + jsonBytes(l), 0),
    empty,
  );
  if (estimate <= CARD_BUDGET_BYTES + 1024 && fits(build([...sections], 1, 1))) return [[...sections]];
  const pages: Section[][] = [];
  let page: Section[] = [];
  let size = empty;
  const add = (section: Section, cost: number): void => {
    if (page.length > 0 && size + cost > CARD_BUDGET_BYTES) {
      pages.push(page);
      page = [];
      size = empty;
    }
    page.push(section);
    size += cost;
  };
  for (const section of sections) {
    let current: Section | undefined;
    for (const line of section.lines) {
      const lineCost = perLine + jsonBytes(line);
      if (current && size + lineCost <= CARD_BUDGET_BYTES) {
        current.lines.push(line);
        size += lineCost;
        continue;
      }
      const heading = current ? continued(section.heading) : section.heading;
      current = { heading, lines: [line] };
      add(current, perSection + jsonBytes(heading) + lineCost);
    }
    if (!current) add({ heading: section.heading, lines: [] }, perSection + jsonBytes(section.heading));
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** `pageSections`, each part rendered. */
export function paged(
  sections: readonly Section[],
  build: PartBuilder,
  continued: (heading: string) => string,
): AdaptiveCard[] {
  const pages = pageSections(sections, build, continued);
  return pages.map((p, i) => build(p, i + 1, pages.length));
}
