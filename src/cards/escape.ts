/**
 * Makes user text render literally in a TextBlock (Teams renders a markdown subset): markdown
 * punctuation is backslash-escaped, so "[link](http://x)" or "**bold**" show as typed.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~<>]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)-/gm, '$1\\-');
}

/** A multi-line user text for a TextBlock: escaped, with line breaks kept as paragraph breaks. */
export function escapeParagraphs(text: string): string {
  return escapeMarkdown(text)
    .replace(/\n/g, '\n\n')
    .replace(/\n{3,}/g, '\n\n');
}
