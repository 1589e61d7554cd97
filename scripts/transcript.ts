/**
 * `npm run transcript -- --lang da --reveal named`: a whole programme as readable text, in order,
 * as the people in the chat see it, with each card's Adaptive Cards SDK warnings inline and a count
 * of the warnings by kind. Writes `.cache/transcript/programme.<lang>.<reveal>.md` (or `--out`).
 *
 * It drives the bot's real HTTP entry point against an in-memory Azurite, exactly as the tests do
 * (test/support/programme-walk.ts); the test helpers are compiled with the scripts, and
 * .webappignore leaves dist/test out of the deployed app, as it does for the benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { walkProgramme, type WalkOptions } from '../test/support/programme-walk';
import { kindCounts, sdkFindings, transcriptMarkdown } from '../test/support/programme-transcript';

const USAGE = 'usage: npm run transcript -- [--lang da|en] [--reveal named|anonymous] [--out file.md]';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function parseArgs(args: string[]): WalkOptions & { out: string } {
  const language = option(args, 'lang', 'da');
  const revealMode = option(args, 'reveal', 'named');
  if ((language !== 'da' && language !== 'en') || (revealMode !== 'named' && revealMode !== 'anonymous'))
    throw new Error(USAGE);
  const out = option(
    args,
    'out',
    path.join('.cache', 'transcript', `programme.${language}.${revealMode}.md`),
  );
  return { language, revealMode, out };
}

async function main(): Promise<void> {
  const { out, ...options } = parseArgs(process.argv.slice(2));
  await globalSetup();
  try {
    const started = Date.now();
    const walk = await walkProgramme(options);
    const findings = sdkFindings(walk);
    const command = `npm run transcript -- --lang ${options.language} --reveal ${options.revealMode}`;
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, transcriptMarkdown(walk, findings, command));
    const cards = findings.length;
    const warned = findings.filter((f) => f.sdk.warnings.length > 0).length;
    const errors = findings.filter((f) => f.sdk.errors.length > 0).length;
    console.log(`${out}: ${walk.steps.length} steps, ${walk.seen.length} things seen, ${cards} cards`);
    console.log(
      `cards with SDK warnings: ${warned}, with render errors: ${errors} (${Date.now() - started} ms)`,
    );
    for (const [kind, count] of kindCounts(findings)) console.log(`  ${kind}: ${count} cards`);
  } finally {
    await globalTeardown();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
