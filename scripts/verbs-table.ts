/**
 * `npm run docs:verbs`: writes docs/card-actions.md's table of every verb (who may use it, the
 * shared card it changes, whether a repeat is harmless) from the registry in src/app/verbs.ts.
 * test/unit/card-actions-doc.test.ts fails when the table and the registry differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VERB_NAMES, VERBS } from '../src/app';
import type { SharedCard, Who } from '../src/app/verb';
import { projectRoot } from '../src/paths';

/** How docs/card-actions.md says who may use a verb. */
export const WHO_TEXT: Record<Who, string> = {
  anyone: 'anyone in the chat',
  member: 'member',
  coordinator: 'coordinator',
  participant: 'coordinator or member',
  founder: 'anyone while there is no group; then a coordinator',
  personal: 'anyone, in a personal chat',
};

const SHARED_TEXT: Record<SharedCard, string> = {
  groupCard: 'the group card',
  invitation: 'the invitation',
  meetingStatus: "the meeting's status card",
  conclusion: "meeting 4's conclusion card",
  projectVote: 'the project vote card',
};

/** Where the table stands in the document. */
export const TABLE_START = '<!-- verbs:start (npm run docs:verbs) -->';
export const TABLE_END = '<!-- verbs:end -->';

/** The table's rows: verb, who, the shared card it refreshes, what a repeat does. */
export function verbRows(): string[][] {
  return VERB_NAMES.map((verb) => {
    const { who, repeatable } = VERBS[verb];
    const refreshes = (VERBS[verb] as { refreshes?: SharedCard }).refreshes;
    const repeat = repeatable ? 'harmless (no claim)' : 'claimed: done once';
    return [`\`${verb}\``, WHO_TEXT[who], refreshes ? SHARED_TEXT[refreshes] : '—', repeat];
  });
}

/** The table as markdown (Prettier aligns it). */
export function verbsTable(): string {
  const rows = [
    ['verb', 'who', 'refreshes for everyone', 'a repeated click'],
    ['---', '---', '---', '---'],
  ];
  return [...rows, ...verbRows()].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function main(): void {
  const file = path.join(projectRoot(), 'docs', 'card-actions.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${TABLE_START} … ${TABLE_END}`);
  const table = `${TABLE_START}\n\n${verbsTable()}\n\n`;
  writeFileSync(file, text.slice(0, start) + table + text.slice(end));
}

if (require.main === module) main();
