/**
 * The README's first command on a machine without Prosody: `npm run demo` runs `gauntlet setup
 * demo` first. Here a PATH made of chosen real commands hides prosody, and stand-ins for sudo and
 * apt-get (named as such; nothing real is installed) record what the set-up asks for. The sudo
 * stand-in "installs" prosody by putting the real binary on that PATH, and the demo then runs.
 */
import t from 'tap';
import type { Test } from 'tap';
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findExecutable } from '../../src/util/executable.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'gauntlet');

/** Real commands the fake machine has; prosody is exposed only by the sudo stand-in. */
const BASE = ['dpkg-query', 'lua5.4'];
/** What each package puts on PATH when the stand-in "installs" it. */
const PROVIDES: Record<string, string[]> = { prosody: ['prosody', 'prosodyctl'] };

interface FakeMachine {
  bin: string;
  records: string;
  /** The argv the sudo stand-in was called with, or undefined if it never was. */
  sudoCall(): string[] | undefined;
  aptGetCalled(): boolean;
}

function fakeMachine(options: { commands?: string[]; aptGet?: boolean; sudoExit?: number } = {}): FakeMachine {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-fresh-'));
  const bin = join(dir, 'bin');
  const records = join(dir, 'records');
  mkdirSync(bin);
  mkdirSync(records);
  chmodSync(dir, 0o755);
  // The set-up runs as an unprivileged user when the tests run as root, and so do the stand-ins.
  chmodSync(records, 0o777);
  chmodSync(bin, 0o777);
  for (const command of [...BASE, ...(options.commands ?? [])]) symlinkSync(realCommand(command), join(bin, command));
  const installs = Object.entries(PROVIDES)
    .map(([pkg, commands]) => `    ${pkg}) ${commands.map((c) => `${realCommand('ln')} -sf ${realCommand(c)} ${bin}/${c}`).join('; ')} ;;`)
    .join('\n');
  const sudo = [
    '#!/bin/sh',
    '# Stand-in for sudo: records its arguments, runs nothing, then "installs" the packages named after the script.',
    `printf '%s\\0' "$@" > ${records}/sudo.argv`,
    `[ ${options.sudoExit ?? 0} -eq 0 ] || exit ${options.sudoExit}`,
    'while [ "$#" -gt 0 ] && [ "$1" != gauntlet-setup ]; do shift; done; shift',
    'for pkg in "$@"; do case "$pkg" in',
    installs,
    'esac; done',
  ].join('\n');
  writeExecutable(join(bin, 'sudo'), sudo);
  if (options.aptGet !== false) {
    writeExecutable(join(bin, 'apt-get'), `#!/bin/sh\n# Stand-in for apt-get: must only run inside the root script.\ntouch ${records}/apt-get.called\nexit 1\n`);
  }
  return {
    bin,
    records,
    sudoCall: () => (existsSync(join(records, 'sudo.argv')) ? readFileSync(join(records, 'sudo.argv'), 'utf8').replace(/\0$/, '').split('\0') : undefined),
    aptGetCalled: () => existsSync(join(records, 'apt-get.called')),
  };
}

function realCommand(name: string): string {
  const found = findExecutable(name, '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin');
  if (!found) throw new Error(`this test needs ${name} on the real machine`);
  return found;
}

function writeExecutable(file: string, text: string): void {
  writeFileSync(file, `${text}\n`);
  chmodSync(file, 0o755);
}

/**
 * The command line of `gauntlet setup ...` on the fake machine with exactly this environment (env -i
 * also drops the test runner's hooks), as a user who is not root, so that sudo is what it uses.
 */
function setupCommand(machine: FakeMachine, args: string[], env: Record<string, string>): string[] {
  const environment = { PATH: machine.bin, HOME: machine.records, NO_COLOR: '1', ...env };
  const asUser = process.getuid?.() === 0 ? [realCommand('setpriv'), '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const clean = [realCommand('env'), '-i', ...Object.entries(environment).map(([k, v]) => `${k}=${v}`)];
  return [...asUser, ...clean, process.execPath, BIN, 'setup', ...args];
}

async function setup(t: Test, machine: FakeMachine, args: string[], env: Record<string, string> = {}) {
  const [command, ...rest] = setupCommand(machine, args, env) as [string, ...string[]];
  const result = await run(command, rest).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
  return result;
}

/** The same on a terminal (util-linux `script` gives it a pty), answering the prompt with `answer`. */
function setupOnTerminal(machine: FakeMachine, args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const line = setupCommand(machine, args, {}).map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn(realCommand('script'), ['-q', '-e', '-c', line, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!answered && output.includes('[y/N]')) {
      answered = true;
      child.stdin.write(`${answer}\n`);
    }
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: output.replace(/\r/g, '') })));
}

t.test('npm run demo runs the set-up first, and the README says so', async (t) => {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  t.match(scripts.predemo, /node bin\/gauntlet setup demo$/);
  t.match(scripts.pretest, /node bin\/gauntlet setup tests$/);
  t.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), /npm install && npm run demo/);
});

t.test('prosody absent, GAUNTLET_INSTALL=yes: announces it, installs exactly it through sudo, then the demo runs', async (t) => {
  const machine = fakeMachine();
  const result = await setup(t, machine, ['demo'], { GAUNTLET_INSTALL: 'yes' });
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /the demo needs Debian packages that are missing here:\n {2}prosody +the lab Prosody server\nIt will run through sudo/);
  t.match(result.stdout, 'sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prosody\n');
  const argv = machine.sudoCall();
  t.same(argv?.slice(0, 3), ['--', 'sh', '-c'], 'one root shell script through sudo');
  t.same(argv?.slice(4), ['gauntlet-setup', 'prosody'], 'exactly the missing package (lua-unbound is installed here, dpkg says)');
  t.match(argv?.[3], /policy-rc\.d[\s\S]*apt-get update\n.*apt-get install -y --no-install-recommends "\$@"$/);
  t.notOk(machine.aptGetCalled(), 'apt-get runs only inside the root script');
  t.match(result.stdout, /setup: installed prosody\.\n$/);

  const again = await setup(t, machine, ['demo'], { GAUNTLET_INSTALL: 'no' });
  t.equal(again.code, 0, 'a second run finds everything and needs no consent');
  t.match(again.stdout, /^setup: everything the demo needs is installed\.\n$/);

  const out = join(machine.records, 'demo');
  const demo = await run(process.execPath, [BIN, 'demo', '--quiet', '--out', out], { env: { PATH: machine.bin, HOME: machine.records } });
  t.match(demo.stdout, /connections_failed: count == 0 +0 +pass/, 'the demo passes with the prosody the set-up put there');
  t.ok(existsSync(join(out, 'result.json')));
});

t.test('declining: GAUNTLET_INSTALL=no, --no-install, or no terminal and nobody said yes', async (t) => {
  const manual = 'sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prosody';
  for (const [label, args, env, reason] of [
    ['GAUNTLET_INSTALL=no', ['demo'], { GAUNTLET_INSTALL: 'no' }, /error: not installing \(GAUNTLET_INSTALL=no\)\nhint: to install them yourself: /],
    ['--no-install', ['demo', '--no-install'], { GAUNTLET_INSTALL: 'yes' }, /error: not installing \(--no-install\)\nhint: to install them yourself: /],
    ['no terminal', ['demo'], {}, /error: not installing: there is no terminal to ask, and nobody said yes\nhint: set GAUNTLET_INSTALL=yes \(or pass --yes\) to let gauntlet install them, or run: /],
  ] as const) {
    const machine = fakeMachine();
    const result = await setup(t, machine, [...args], env);
    t.equal(result.code, 5, `${label}: exit 5 (this machine lacks something)`);
    t.match(result.stdout, /missing here:\n {2}prosody /, `${label}: says what is missing`);
    t.match(result.stderr, reason, label);
    t.match(result.stderr, `${manual}\n`, `${label}: gives the exact command`);
    t.equal(machine.sudoCall(), undefined, `${label}: nothing was run`);
  }
});

t.test('the test suite: announces exactly the missing packages among many present', async (t) => {
  const present = ['ejabberdctl', 'jabberd2-router', 'sqlite3', 'openssl', 'xmllint', 'prometheus'];
  const machine = fakeMachine({ commands: present });
  const result = await setup(t, machine, ['tests'], { GAUNTLET_INSTALL: 'no' });
  t.equal(result.code, 5);
  const listed = [...result.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);
  t.same(listed, ['prosody', 'chromium']);
  t.match(result.stderr, /apt-get install -y --no-install-recommends prosody chromium\n/);
});

t.test('a machine without apt-get gets the command to run elsewhere, not an attempt', async (t) => {
  const machine = fakeMachine({ aptGet: false });
  const result = await setup(t, machine, ['demo'], { GAUNTLET_INSTALL: 'yes' });
  t.equal(result.code, 5);
  t.match(result.stderr, /error: this machine has no apt-get, so gauntlet cannot install them\nhint: install them with your system's package manager; on Debian or Ubuntu: sudo apt-get update && /);
  t.equal(machine.sudoCall(), undefined);
});

t.test('a failed install exits 5 with the command, and nothing is reported installed', async (t) => {
  const machine = fakeMachine({ sudoExit: 100 });
  const result = await setup(t, machine, ['demo'], { GAUNTLET_INSTALL: 'yes' });
  t.equal(result.code, 5);
  t.match(result.stderr, /error: the install failed \(exit code 100\)\nhint: see the output above; the command: sudo apt-get/);
  t.notMatch(result.stdout, /installed prosody/);
});

t.test('on a terminal it asks, and installs only on yes', async (t) => {
  const no = fakeMachine();
  const declined = await setupOnTerminal(no, ['demo'], 'n');
  t.equal(declined.code, 5);
  t.match(declined.output, /missing here:\n {2}prosody [\s\S]*Install them now\? \[y\/N\] [^\n]*n\s*\n[\s\S]*not installing \(you said no\)/);
  t.equal(no.sudoCall(), undefined, 'nothing was run');

  const yes = fakeMachine();
  const accepted = await setupOnTerminal(yes, ['demo'], 'y');
  t.equal(accepted.code, 0, accepted.output);
  t.same(yes.sudoCall()?.slice(4), ['gauntlet-setup', 'prosody']);
  t.match(accepted.output, /setup: installed prosody\./);
});
