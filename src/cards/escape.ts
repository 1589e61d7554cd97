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

/** A multi-line user text as escaped paragraphs (one TextBlock each); single line breaks are kept. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => escapeMarkdown(p).replace(/\n/g, '\n\n'));
}
