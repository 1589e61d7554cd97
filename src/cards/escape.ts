/**
 * Makes user text render literally in a TextBlock or a fact value. Teams parses only a markdown
 * subset (bold, italic, lists, links), and Teams mobile shows any other backslash escape as a
 * backslash, so only what Teams parses is escaped: `*`, `_`, `[`, `]` (and a backslash before one
 * of them), and a list marker at the start of a line. "Projektleder (fysisk) #2 + drift!" stays as
 * typed; "**fed**" and "[link](https://x)" show as typed. Choice, fact and action titles are plain
 * text: never pass them through this.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\(?=[*_[\]])/g, '\\\\')
    .replace(/[*_[\]]/g, (c) => `\\${c}`)
    .replace(/^([ \t]*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
    .replace(/^([ \t]*)([-+])(?=\s|$)/gm, '$1\\$2');
}
