import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project's root folder (the nearest one above this file with a package.json), built or not. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
