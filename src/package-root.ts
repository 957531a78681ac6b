import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding RoleRadar's package.json. Files that ship beside the code (sql/, the
 * taxonomy data, the dashboard's static files) are found from it, so the same paths work when the
 * code runs from src/ (tests, tsx) and from the bundle in dist/ (the `roleradar` command).
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}: is RoleRadar installed whole?`);
  }
}

/** A path inside the package, e.g. packagePath('sql'). */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
