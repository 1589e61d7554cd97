import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isVerb, VERBS } from '../../src/app';
import { TABLE_END, TABLE_START, verbsTable, WHO_TEXT } from '../../scripts/verbs-table';

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'card-actions.md'), 'utf8');

/** A markdown table's rows as trimmed cells (the separator row left out). */
function rowsOf(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

/** docs/card-actions.md is the bot's public contract: it says what the registry says. */
describe('docs/card-actions.md', () => {
  it('lists every verb of the registry, with who may use it and the shared card it refreshes (npm run docs:verbs)', () => {
    const block = doc.slice(doc.indexOf(TABLE_START), doc.indexOf(TABLE_END));
    expect(rowsOf(block)).toEqual(rowsOf(verbsTable()));
  });

  it('describes only registered verbs, each for whom the registry allows it', () => {
    const tables = doc.split('\n\n').filter((t) => /^\| verb +\| who /.test(t));
    const described = tables.flatMap((t) => rowsOf(t).slice(1));
    expect(described.length).toBeGreaterThan(20);
    for (const [cell, who] of described) {
      const verb = cell.replace(/`/g, '');
      expect(isVerb(verb) && `${verb}: ${WHO_TEXT[VERBS[verb].who]}`).toBe(`${verb}: ${who}`);
    }
  });
});
