import { spawnSync } from 'node:child_process';
import { findExecutable } from '../util/executable.js';
import type { DebianPackage } from './debian-packages.js';

export interface Presence {
  missing: DebianPackage[];
  /** Libraries that could not be checked: this machine has no dpkg. */
  unknown: DebianPackage[];
}

/**
 * Which packages are missing. A package with a command is present when the command is on PATH
 * (that is how the lab finds it); a library is present when dpkg says it is installed.
 */
export function findMissing(packages: readonly DebianPackage[], path?: string): Presence {
  const libraries = packages.filter((p) => p.command === undefined);
  const installed = installedPackages(libraries.map((p) => p.name), path);
  const missing: DebianPackage[] = [];
  const unknown: DebianPackage[] = [];
  for (const pkg of packages) {
    if (pkg.command !== undefined) {
      if (!findExecutable(pkg.command, path)) missing.push(pkg);
    } else if (installed === undefined) {
      unknown.push(pkg);
    } else if (!installed.has(pkg.name)) {
      missing.push(pkg);
    }
  }
  return { missing, unknown };
}

/** The names dpkg reports installed, or undefined when there is no dpkg-query. */
function installedPackages(names: string[], path?: string): Set<string> | undefined {
  if (names.length === 0) return new Set();
  const dpkgQuery = findExecutable('dpkg-query', path);
  if (!dpkgQuery) return undefined;
  // Unknown names make dpkg-query exit 1 but still print the known ones.
  const { stdout } = spawnSync(dpkgQuery, ['-W', '-f', '${Package} ${db:Status-Status}\n', ...names], { encoding: 'utf8' });
  const installed = new Set<string>();
  for (const line of (stdout ?? '').split('\n')) {
    const [name, status] = line.split(' ');
    if (name && status === 'installed') installed.add(name);
  }
  return installed;
}
