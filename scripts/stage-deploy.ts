import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';

/** What the web app runs: the built code and the package files `npm ci --omit=dev` installs from. */
export const DEPLOYED = ['dist/src', 'dist/cards', 'dist/tab', 'package.json', 'package-lock.json'] as const;

/**
 * Copies the built app into `<root>/build/deploy` (emptied first), where the toolkit's deploy then
 * installs production packages only and zips the folder: the developer's own node_modules keep
 * their development packages. Returns the folder.
 */
export function stageDeploy(root: string): string {
  const out = path.join(root, 'build', 'deploy');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const item of DEPLOYED) cpSync(path.join(root, item), path.join(out, item), { recursive: true });
  return out;
}

if (require.main === module) process.stdout.write(`staged in ${stageDeploy(projectRoot())}\n`);
