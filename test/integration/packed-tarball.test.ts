/**
 * The package as a user gets it: `npm pack`, then `npm install -g` into a temporary prefix (and
 * `npx`), run from outside the checkout. Needs the build in dist/ (`npm test` builds first); the
 * dependencies come from the npm cache when they are there.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BASELINE_VERDICTS } from '../helpers/baseline-verdicts.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
const DIR = mkdtempSync(join(tmpdir(), 'gauntlet-tarball-'));
const PREFIX = join(DIR, 'prefix');
const GAUNTLET = join(PREFIX, 'bin', 'gauntlet');

/** The environment of a user's shell: none of the npm run variables of the test's own invocation. */
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || key === 'npm_config_cache' || key === 'npm_config_registry'),
);

async function outcome(command: string, args: string[]) {
  return run(command, args, { cwd: DIR, env: USER_ENV, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

let tarball = '';

t.before(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  // dist/ is already built; --ignore-scripts skips the prepack build.
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', DIR], { cwd: ROOT, env: USER_ENV });
  tarball = join(DIR, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
  await run('npm', ['install', '-g', '--prefix', PREFIX, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: DIR, env: USER_ENV });
});

t.test('the installed package has its build and runtime dependencies only, and no install scripts', async (t) => {
  const installed = join(PREFIX, 'lib', 'node_modules', PACKAGE.name);
  t.ok(existsSync(join(installed, 'dist', 'cli', 'main.js')), 'dist/ is in the tarball');
  t.notOk(existsSync(join(installed, 'src')), 'no TypeScript sources');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) t.notOk(manifest.scripts?.[hook], `no ${hook} script`);
  t.ok(readdirSync(join(installed, 'node_modules')).length > 0, 'runtime dependencies installed');
  const pulledIn = runtimeRequirements(join(installed, 'node_modules'));
  for (const dev of Object.keys(PACKAGE.devDependencies)) {
    // A dev dependency may still arrive as a runtime dependency's own (protobufjs needs @types/node).
    if (pulledIn.has(dev)) t.comment(`${dev} is installed: a runtime dependency requires it`);
    else t.notOk(existsSync(join(installed, 'node_modules', dev)), `${dev} is not installed`);
  }
});

/** Every name the installed runtime packages list in their own `dependencies`. */
function runtimeRequirements(modules: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(modules)) {
    const packages = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((name) => join(entry, name)) : [entry];
    for (const name of packages) {
      const manifest = join(modules, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
      for (const dependency of Object.keys(dependencies)) names.add(dependency);
    }
  }
  return names;
}

t.test('gauntlet --version (installed and through npx) is the package version', async (t) => {
  const installed = await outcome(GAUNTLET, ['--version']);
  t.equal(installed.stdout.trim(), PACKAGE.version);
  const npx = await outcome('npx', ['--yes', '--prefer-offline', '--package', tarball, 'gauntlet', '--version']);
  t.equal(npx.code, 0, npx.stderr);
  t.equal(npx.stdout.trim(), PACKAGE.version);
});

t.test('gauntlet demo from the installed package passes', async (t) => {
  const out = join(DIR, 'demo');
  const demo = await outcome(GAUNTLET, ['demo', '--quiet', '--out', out]);
  t.equal(demo.code, 0, demo.stderr);
  t.match(demo.stdout, /message_e2e: p\(99\) < 500ms +\S+ +pass/);
  t.ok(existsSync(join(out, 'result.json')) && existsSync(join(out, 'report.html')), 'result.json and report.html written');
});

t.test('gauntlet check --lab prosody --checks stream from the installed package gives the baseline verdicts', async (t) => {
  const out = join(DIR, 'check');
  const check = await outcome(GAUNTLET, ['check', '--lab', 'prosody', '--checks', 'stream', '--out', out]);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { checks: { id: string; verdict: string; level: string }[] };
  t.ok(result.checks.length > 10, `${result.checks.length} stream checks ran`);
  for (const check of result.checks) t.equal(check.verdict, BASELINE_VERDICTS.prosody[check.id], check.id);
  const mustFailed = result.checks.some((c) => c.verdict === 'fail');
  t.equal(check.code, mustFailed ? 1 : 0, 'exit 1 exactly when a MUST failed (Prosody 0.12 breaks some)');
});
