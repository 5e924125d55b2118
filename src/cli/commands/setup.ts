import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { consentFrom, INSTALL_ENV } from '../../setup/consent.js';
import { installPlan, runInstall, type InstallPlan } from '../../setup/apt-install.js';
import { packagesFor, PURPOSES, type DebianPackage, type Purpose } from '../../setup/debian-packages.js';
import { findMissing } from '../../setup/presence.js';
import { GauntletError } from '../../util/errors.js';
import { findExecutable } from '../../util/executable.js';

const NEEDS: Record<Purpose, string> = { demo: 'the demo needs', lab: 'the lab servers need', tests: 'the test suite needs' };

interface SetupOptions {
  yes?: boolean;
  install: boolean;
}

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description('install the Debian packages the demo, the lab servers or the test suite need, saying what first (apt-get, as root or through sudo)')
    .argument('[what]', `${PURPOSES.join(' | ')}`, 'lab')
    .option('-y, --yes', `install what is missing without asking (or ${INSTALL_ENV}=yes)`)
    .option('--no-install', `never install; print the command to run instead (or ${INSTALL_ENV}=no)`)
    .addHelpText(
      'after',
      `\nOn a terminal it asks before installing. Without one (CI) it installs only when told.\n` +
        `\nExamples:\n` +
        `  $ gauntlet setup lab                   asks, then installs what the lab servers lack\n` +
        `  $ GAUNTLET_INSTALL=yes npm run demo    npm run demo and npm test run the set-up first\n` +
        `  $ gauntlet setup tests --no-install    exit 5 with the apt-get command if anything is missing\n`,
    )
    .action(async (what: string, options: SetupOptions) => {
      process.exitCode = await setup(purposeFrom(what), options);
    });
}

function purposeFrom(what: string): Purpose {
  if ((PURPOSES as readonly string[]).includes(what)) return what as Purpose;
  throw new GauntletError('usage', `unknown set-up "${what}"`, { hint: `one of: ${PURPOSES.join(', ')}` });
}

async function setup(purpose: Purpose, options: SetupOptions): Promise<number> {
  if (options.yes && !options.install) throw new GauntletError('usage', '--yes and --no-install contradict each other');
  // Read first, so that a bad GAUNTLET_INSTALL value is refused even when nothing is missing.
  const consent = consentFrom(options.yes ?? (options.install ? undefined : false), process.env[INSTALL_ENV], interactive());
  const { missing, unknown } = findMissing(packagesFor(purpose));
  if (missing.length === 0) {
    const unchecked = unknown.length ? ` (not checked, this machine has no dpkg: ${names(unknown).join(' ')})` : '';
    process.stdout.write(`setup: everything ${NEEDS[purpose]} is installed${unchecked}.\n`);
    return 0;
  }
  process.stdout.write(`setup: ${NEEDS[purpose]} Debian packages that are missing here:\n`);
  for (const pkg of missing) process.stdout.write(`  ${pkg.name.padEnd(16)} ${pkg.why}\n`);
  // Libraries nobody could check go with them: installing a present package changes nothing.
  const wanted = names([...missing, ...unknown]);
  if (!findExecutable('apt-get')) {
    throw new GauntletError('environment', 'this machine has no apt-get, so gauntlet cannot install them', {
      hint: `install them with your system's package manager; on Debian or Ubuntu: ${installPlan(wanted, false).manual}`,
    });
  }
  const plan = installPlan(wanted, process.getuid?.() === 0);
  if (!plan.asRoot && !findExecutable('sudo')) {
    throw new GauntletError('environment', 'installing needs root, and there is no sudo here', { hint: `as root: ${installPlan(wanted, true).manual}` });
  }
  process.stdout.write(`It will run${plan.asRoot ? '' : ' through sudo'} (package services are kept from starting meanwhile):\n  ${plan.manual}\n`);
  if (consent === 'decline') throw declined(plan, options.install ? `${INSTALL_ENV}=no` : '--no-install');
  if (consent === 'unasked') {
    throw new GauntletError('environment', 'not installing: there is no terminal to ask, and nobody said yes', {
      hint: `set ${INSTALL_ENV}=yes (or pass --yes) to let gauntlet install them, or run: ${plan.manual}`,
    });
  }
  if (consent === 'ask' && !(await askYesNo('Install them now?'))) throw declined(plan, 'you said no');
  const code = await runInstall(plan);
  if (code !== 0) throw new GauntletError('environment', `the install failed (exit code ${code})`, { hint: `see the output above; the command: ${plan.manual}` });
  const still = findMissing(missing).missing;
  if (still.length) {
    throw new GauntletError('environment', `still missing after the install: ${names(still).join(' ')}`, { hint: 'is its command on PATH?' });
  }
  process.stdout.write(`setup: installed ${names(missing).join(' ')}.\n`);
  return 0;
}

function names(packages: readonly DebianPackage[]): string[] {
  return packages.map((p) => p.name);
}

function declined(plan: InstallPlan, why: string): GauntletError {
  return new GauntletError('environment', `not installing (${why})`, { hint: `to install them yourself: ${plan.manual}` });
}

/** A person at a terminal; CI systems that fake a terminal still must say yes in advance. */
function interactive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;
}

async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
