/**
 * An Adaptive Card (JSON) as plain text, the way a person reads it in Teams desktop: headings,
 * texts (markdown rendered: no `**`, no escapes), facts, inputs with their labels, placeholders,
 * values, choices and required marks, buttons in [brackets], ShowCards opened below their button.
 * Used by the programme transcript (scripts/transcript.ts) and tests.
 *
 * Marks: `# ` a heading, `✔ `/`⚠ ` a green/red notice, `▭` a one-line text field (`▤` several
 * lines), `‹…›` a placeholder, ` *` a required input, `◉/○` radio buttons, `☑/☐` check boxes,
 * `▾` a drop-down, `[Knap]` a button, `[Knap ▾]` a ShowCard (its card follows, indented with `│`),
 * `[Knap ↗]` a link, `↻` the card's automatic refresh.
 */

type Json = Record<string, unknown>;

/** Who a Teams user id (as in `refresh.userIds`) is, when known. */
export type NameOf = (userId: string) => string | undefined;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Markdown as Teams desktop shows it: emphasis and escapes gone, links as "text (url)", mentions as @name. */
export function renderMarkdown(text: string): string {
  return text
    .replace(/<at>([^<]*)<\/at>/gi, '@$1')
    .replace(/(?<!\\)\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g, '$1')
    .replace(/(?<![\\\w])__(.+?)(?<!\\)__(?!\w)/g, '$1')
    .replace(/(?<![\\\w*])\*(?!\s)(.+?)(?<![\s\\])\*(?![\w*])/g, '$1')
    .replace(/(?<![\\\w])_(?!\s)(.+?)(?<![\s\\])_(?!\w)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1');
}

/** A plain message's text as people read it (markdown rendered, @mentions by name). */
export function messageText(text: string): string {
  return renderMarkdown(text).trim();
}

function textBlock(el: Json): string[] {
  const text = renderMarkdown(str(el.text));
  const heading = el.style === 'heading' || el.size === 'Large' || el.size === 'ExtraLarge';
  const mark = el.color === 'Attention' || el.color === 'Warning' ? '⚠ ' : el.color === 'Good' ? '✔ ' : '';
  return text.split('\n').map((line, i) => (i === 0 ? `${heading ? '# ' : ''}${mark}${line}` : line));
}

function richTextBlock(el: Json): string[] {
  const runs = (Array.isArray(el.inlines) ? el.inlines : []).map((r: unknown) =>
    typeof r === 'string' ? r : isObject(r) ? str(r.text) : '',
  );
  return runs.join('').split('\n');
}

function labelOf(input: Json, fallback = ''): string {
  const label = str(input.label) || fallback;
  return `${label}${input.isRequired === true ? ' *' : ''}`;
}

function choices(input: Json): string[] {
  const options = list(input.choices);
  const multi = input.isMultiSelect === true;
  const selected = new Set(str(input.value).split(',').filter(Boolean));
  const titleOf = (c: Json): string => str(c.title);
  if (input.style === 'expanded' || multi) {
    const on = multi ? '☑' : '◉';
    const off = multi ? '☐' : '○';
    return options.map((c) => `  ${selected.has(str(c.value)) ? on : off} ${titleOf(c)}`);
  }
  const chosen = options.filter((c) => selected.has(str(c.value))).map(titleOf);
  const shown = chosen.length
    ? chosen.join(', ')
    : str(input.placeholder)
      ? `‹${str(input.placeholder)}›`
      : '';
  return [`  ▾ ${shown}`.trimEnd(), `    (${options.map(titleOf).join(' | ')})`];
}

function field(input: Json, symbol: string): string {
  const value = str(input.value);
  if (value) return `  ${symbol} ${value.split('\n').join(`\n  ${symbol} `)}`;
  const placeholder = str(input.placeholder);
  return placeholder ? `  ${symbol} ‹${placeholder}›` : `  ${symbol}`;
}

function inputLines(el: Json): string[] {
  const type = str(el.type);
  if (type === 'Input.Toggle') return [`☐ ${str(el.title)}${el.isRequired === true ? ' *' : ''}`];
  const label = labelOf(el, `(${type}, id "${str(el.id)}", no label)`);
  if (type === 'Input.ChoiceSet') return [label, ...choices(el)];
  if (type === 'Input.Text') return [label, field(el, el.isMultiline === true ? '▤' : '▭')];
  const kind = type === 'Input.Date' ? 'dato' : type === 'Input.Time' ? 'tid' : 'tal';
  return [label, `${field(el, '▭')} (${kind})`];
}

function actionLines(actions: Json[], nameOf?: NameOf): string[] {
  if (actions.length === 0) return [];
  const title = (a: Json): string => {
    const t = str(a.title) || `(${str(a.type)} without title)`;
    if (a.type === 'Action.ShowCard') return `[${t} ▾]`;
    if (a.type === 'Action.OpenUrl') return `[${t} ↗]`;
    return `[${t}]`;
  };
  const lines = [actions.map(title).join(' ')];
  for (const a of actions) {
    if (a.type !== 'Action.ShowCard' || !isObject(a.card)) continue;
    lines.push(`${title(a)} opens:`, ...cardLines(a.card, nameOf).map((l) => `  │ ${l}`));
  }
  return lines;
}

function elementLines(el: Json, nameOf?: NameOf): string[] {
  if (el.isVisible === false) return [];
  const type = str(el.type);
  if (type === 'TextBlock') return textBlock(el);
  if (type === 'RichTextBlock') return richTextBlock(el);
  if (type === 'FactSet')
    return list(el.facts).map((f) => `${renderMarkdown(str(f.title))}: ${renderMarkdown(str(f.value))}`);
  if (type.startsWith('Input.')) return inputLines(el);
  if (type === 'Container') return itemsLines(list(el.items), nameOf);
  if (type === 'ColumnSet') {
    const columns = list(el.columns).map((c) => itemsLines(list(c.items), nameOf));
    return columns.every((c) => c.length <= 1)
      ? [columns.map((c) => c[0] ?? '').join(' | ')]
      : columns.flat();
  }
  if (type === 'ActionSet') return actionLines(list(el.actions), nameOf);
  if (type === 'Image') return [`[image: ${str(el.altText) || str(el.url)}]`];
  if (type === 'ImageSet') return list(el.images).map((i) => `[image: ${str(i.altText) || str(i.url)}]`);
  if (type === 'Table')
    return list(el.rows).map((r) =>
      list(r.cells)
        .map((c) => itemsLines(list(c.items), nameOf).join(' '))
        .join(' | '),
    );
  return [`(${type || 'element without type'})`];
}

function itemsLines(items: Json[], nameOf?: NameOf): string[] {
  return items.flatMap((el) => elementLines(el, nameOf));
}

function refreshLine(refresh: Json, nameOf?: NameOf): string[] {
  const action = isObject(refresh.action) ? refresh.action : {};
  const ids = Array.isArray(refresh.userIds) ? refresh.userIds.map(str) : undefined;
  const who = ids ? ids.map((id) => nameOf?.(id) ?? id).join(', ') : 'no userIds';
  return [`↻ refresh: ${str(action.type)} "${str(action.verb)}" for ${who}`];
}

function cardLines(card: Json, nameOf?: NameOf): string[] {
  return [
    ...itemsLines(list(card.body), nameOf),
    ...actionLines(list(card.actions), nameOf),
    ...(isObject(card.refresh) ? refreshLine(card.refresh, nameOf) : []),
  ];
}

/** The card as the lines a person reads, top to bottom; `nameOf` names the people of `refresh.userIds`. */
export function cardToText(card: unknown, nameOf?: NameOf): string {
  return isObject(card) ? cardLines(card, nameOf).join('\n') : '';
}
