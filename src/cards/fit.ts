import type { AdaptiveCard } from './render';

/**
 * Every card the bot sends stays within this many bytes (UTF-8, the whole attachment). Teams
 * refuses a message above about 28 KB with 413 MessageSizeTooBig; the last kilobyte is left for
 * the activity around the card.
 */
export const CARD_BUDGET_BYTES = 27 * 1024;

/**
 * Some revisions of Teams' documentation count the message in UTF-16 against 40 KB instead; a
 * card within both budgets is accepted under either rule (mostly-ASCII text is twice as large in UTF-16).
 */
export const CARD_BUDGET_UTF16_BYTES = 38 * 1024;

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A size in both measures: UTF-8 bytes and UTF-16 bytes. */
type Size = readonly [number, number];

const sizeOf = (json: string): Size => [Buffer.byteLength(json), json.length * 2];
const plus = (a: Size, b: Size): Size => [a[0] + b[0], a[1] + b[1]];
const minus = (a: Size, b: Size): Size => [a[0] - b[0], a[1] - b[1]];
const within = (s: Size): boolean => s[0] <= CARD_BUDGET_BYTES && s[1] <= CARD_BUDGET_UTF16_BYTES;
const attachment = (card: AdaptiveCard): string => JSON.stringify({ contentType: CARD_TYPE, content: card });

/** The size of a card as sent: the UTF-8 bytes of its whole attachment. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(attachment(card));
}

/** True when a card is within the budget (in UTF-8 and in UTF-16). */
export function fits(card: AdaptiveCard): boolean {
  return within(sizeOf(attachment(card)));
}

/** Cuts a text to at most `max` characters, ending with an ellipsis when something was cut. */
export function ellipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
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

/**
 * A headed list of lines, as the reveal, `mine data` and summary cards show them: markdown strings,
 * or (`mine data`) runs of a `RichTextBlock` each.
 */
export interface Section<L = string> {
  heading: L;
  lines: L[];
}

/** Renders some sections as part `part` of `total`. */
export type PartBuilder<L = string> = (sections: Section<L>[], part: number, total: number) => AdaptiveCard;

/** The size a value (a string, runs) adds to a card's JSON beyond an empty one (`blank`). */
const textSize = (value: unknown, blank: unknown): Size =>
  minus(sizeOf(JSON.stringify(value)), sizeOf(JSON.stringify(blank)));

/**
 * Splits headed lists over as few parts as fit the budget, in order; a list split over two parts
 * has its heading again on the next (through `continued`). One part when everything fits.
 */
export function pageSections<L>(
  sections: readonly Section<L>[],
  build: PartBuilder<L>,
  continued: (heading: L) => L,
  blank: L,
): Section<L>[][] {
  // The templates are linear in their lines: measure what an empty card, a section and a line cost,
  // on a middle part (its buttons to the previous and the next part both there).
  const measure = (parts: Section<L>[]): Size => sizeOf(attachment(build(parts, 999, 9999)));
  const empty = measure([]);
  const oneSection = measure([{ heading: blank, lines: [blank] }]);
  const perLine = minus(measure([{ heading: blank, lines: [blank, blank] }]), oneSection);
  const perSection = minus(minus(oneSection, empty), perLine);
  const lineCost = (line: L): Size => plus(perLine, textSize(line, blank));
  const headCost = (heading: L): Size => plus(perSection, textSize(heading, blank));
  const estimate = sections.reduce(
    (sum, s) => s.lines.reduce((n, l) => plus(n, lineCost(l)), plus(sum, headCost(s.heading))),
    empty,
  );
  if (within(minus(estimate, [1024, 2048])) && fits(build([...sections], 1, 1))) return [[...sections]];
  const pages: Section<L>[][] = [];
  let page: Section<L>[] = [];
  let size = empty;
  const add = (section: Section<L>, cost: Size): void => {
    if (page.length > 0 && !within(plus(size, cost))) {
      pages.push(page);
      page = [];
      size = empty;
    }
    page.push(section);
    size = plus(size, cost);
  };
  for (const section of sections) {
    let current: Section<L> | undefined;
    for (const line of section.lines) {
      if (current && within(plus(size, lineCost(line)))) {
        current.lines.push(line);
        size = plus(size, lineCost(line));
        continue;
      }
      const heading = current ? continued(section.heading) : section.heading;
      current = { heading, lines: [line] };
      add(current, plus(headCost(heading), lineCost(line)));
    }
    if (!current) add({ heading: section.heading, lines: [] }, headCost(section.heading));
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
  const pages = pageSections(sections, build, continued, '');
  return pages.map((p, i) => build(p, i + 1, pages.length));
}
