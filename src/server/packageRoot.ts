import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of Rapport's package.json: the same answer from the source (`src/server/…`, run by tsx)
 * and from the built server (`dist/server/rapport.js`, where every module shares one file's location).
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const packageRoot = findPackageRoot(import.meta.dirname);
