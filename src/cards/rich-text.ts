import type { Language } from '../domain/types';
import { t, type MessageKey, type Vars } from '../i18n';

/**
 * People's own texts (answers, names, places, proposals) in a card: `TextRun`s inside a
 * `RichTextBlock`, which Teams shows as plain text on every client — nothing is parsed as markdown,
 * so nothing needs escaping and no phone shows `1\.` or `\_`. The bot's own strings stay in
 * `TextBlock`s (their **bold** is markdown); a line of the bot's with people's texts filled in is
 * split into runs, its **bold** parts as bold runs.
 */
export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  italic?: boolean;
  size?: 'Large';
  color?: RunColor;
}

/** The colours a run may have: a confirmation (green) or a problem (red). */
export type RunColor = 'Good' | 'Attention';

/** The inlines of a `RichTextBlock` (`"inlines": "${…}"` in a template). */
export type Inlines = TextRun[];

/** A person's text as one plain run (line breaks kept). */
export function plainRun(text: string): Inlines {
  return [{ type: 'TextRun', text }];
}

/** A heading made of a person's text (a group's name): one large bold run. */
export function headingRun(text: string): Inlines {
  return [{ type: 'TextRun', text, weight: 'Bolder', size: 'Large' }];
}

/** Runs as a card's heading: large and bold (a heading with people's texts in it). */
export function asHeading(runs: Inlines): Inlines {
  return runs.map((run) => ({ ...run, weight: 'Bolder', size: 'Large' }));
}

/** Runs as a confirmation of the reader's step: green and bold. */
export function asConfirmation(runs: Inlines): Inlines {
  return runs.map((run) => ({ ...run, weight: 'Bolder', color: 'Good' }));
}

/** A fact as one line: its title (the bot's) in bold, then its value (a person's text). */
export function factRuns(title: string, value: string): Inlines {
  return [
    { type: 'TextRun', text: `${title}: `, weight: 'Bolder' },
    { type: 'TextRun', text: value },
  ];
}

/** A list item made of a person's text, with a bullet (a TextRun does not read "- " as a list). */
export function bulletRun(text: string): Inlines {
  return plainRun(`• ${text}`);
}

const SLOT = '\uE000';

/** The bot's text split at its `**bold**` and `*italic*` marks into runs; `fill` puts people's texts in. */
function markedRuns(text: string, color: RunColor | undefined, fill: (part: string) => string): Inlines {
  let bold = false;
  let italic = false;
  const runs: TextRun[] = [];
  for (const part of text.split(/(\*\*|\*)/)) {
    if (part === '**') bold = !bold;
    else if (part === '*') italic = !italic;
    else if (part) {
      const run: TextRun = { type: 'TextRun', text: fill(part) };
      if (bold) run.weight = 'Bolder';
      if (italic) run.italic = true;
      if (color) run.color = color;
      runs.push(run);
    }
  }
  return runs;
}

/**
 * Message `key` as runs: the catalog's text with its **bold** and *italic* parts marked, `vars`
 * (people's texts) filled in literally, never read as markdown.
 */
export function richLine(lang: Language, key: MessageKey, vars: Vars = {}, color?: RunColor): Inlines {
  const names = Object.keys(vars);
  const slots = Object.fromEntries(names.map((name, i) => [name, `${SLOT}${i}${SLOT}`]));
  const fill = (part: string): string =>
    part.replace(/\uE000(\d+)\uE000/g, (_whole, i: string) => String(vars[names[Number(i)]]));
  return markedRuns(t(lang, key, slots), color, fill);
}

/** The bot's own text (no people's text in it) as runs, its **bold** and *italic* parts marked. */
export function ownRuns(text: string): Inlines {
  return markedRuns(text, undefined, (part) => part);
}

/** A person's multi-paragraph text as paragraphs of runs (one `RichTextBlock` each); line breaks are kept. */
export function paragraphRuns(text: string): Inlines[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(plainRun);
}

/** The text a person reads in runs (for fitting and tests). */
export function runsText(inlines: Inlines): string {
  return inlines.map((r) => r.text).join('');
}
