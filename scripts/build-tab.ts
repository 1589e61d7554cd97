/** Bundles the overview tab (src/tab) with esbuild into dist/tab, with its pages and stylesheet. */
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';

/** The tab's pages: the group overview, the personal "Mine grupper" and the configurable tab's setup. */
const TAB_PAGES = ['overview', 'mine', 'config'] as const;

/** Where the built tab lands; the bot's server serves it under /tab/. */
export const TAB_OUT_DIR = path.join(projectRoot(), 'dist', 'tab');

/** Builds the tab's bundle, pages and stylesheet into dist/tab (fast: esbuild, no type check). */
export async function buildTab(): Promise<void> {
  const root = projectRoot();
  mkdirSync(TAB_OUT_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'src', 'tab', 'main.ts')],
    outfile: path.join(TAB_OUT_DIR, 'tab.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'safari15'],
    platform: 'browser',
    tsconfig: path.join(root, 'src', 'tab', 'tsconfig.json'),
    logLevel: 'warning',
  });
  const staticDir = path.join(root, 'src', 'tab', 'static');
  cpSync(path.join(staticDir, 'tab.css'), path.join(TAB_OUT_DIR, 'tab.css'));
  const page = readFileSync(path.join(staticDir, 'page.html'), 'utf8');
  for (const name of TAB_PAGES)
    writeFileSync(path.join(TAB_OUT_DIR, `${name}.html`), page.replace('{{page}}', name));
}

if (require.main === module) {
  buildTab().catch((err: unknown) => {
    process.stderr.write(`The tab could not be built: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
