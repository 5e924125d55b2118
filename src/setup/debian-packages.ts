/**
 * The Debian packages this project needs, in one list: `gauntlet setup` (run by `npm run demo`
 * and `npm test` before they start) installs from it, and the docs point here.
 */

/** What a package is needed for: the demo, every lab server, or the project's own test suite. */
export const PURPOSES = ['demo', 'lab', 'tests'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface DebianPackage {
  readonly name: string;
  /** A command on PATH that the package provides; libraries have none (then dpkg is asked). */
  readonly command?: string;
  /** Shown when announcing an install. */
  readonly why: string;
  readonly purposes: readonly Purpose[];
}

export const DEBIAN_PACKAGES: readonly DebianPackage[] = [
  { name: 'prosody', command: 'prosody', why: 'the lab Prosody server', purposes: ['demo', 'lab', 'tests'] },
  { name: 'lua-unbound', why: "Prosody's DNS resolver (s2s)", purposes: ['demo', 'lab', 'tests'] },
  { name: 'ejabberd', command: 'ejabberdctl', why: 'the lab ejabberd server', purposes: ['lab', 'tests'] },
  { name: 'jabberd2', command: 'jabberd2-router', why: 'the lab jabberd2 server', purposes: ['lab', 'tests'] },
  { name: 'sqlite3', command: 'sqlite3', why: "jabberd2's lab storage", purposes: ['lab', 'tests'] },
  { name: 'openssl', command: 'openssl', why: 'test certificates', purposes: ['tests'] },
  { name: 'ca-certificates', why: 'system trust roots', purposes: ['tests'] },
  { name: 'chromium', command: 'chromium', why: 'the HTML report test in a real browser', purposes: ['tests'] },
  { name: 'libxml2-utils', command: 'xmllint', why: 'JUnit XML schema checks', purposes: ['tests'] },
  { name: 'prometheus', command: 'prometheus', why: 'the Prometheus output test', purposes: ['tests'] },
];

export function packagesFor(purpose: Purpose): DebianPackage[] {
  return DEBIAN_PACKAGES.filter((p) => p.purposes.includes(purpose));
}
