/**
 * The README's first command on a machine without Prosody: `npm run demo` runs `gauntlet setup
 * demo` first. Here a PATH made of chosen real commands hides prosody, and stand-ins (named as
 * such; nothing real is installed) record what the set-up asks for: `sudo` when the tests run as
 * a user, `sh` (the root script's shell) when they run as root. The stand-in "installs" prosody by
 * putting the real binary on that PATH, and the demo then runs with it.
 */
import t from 'tap';
import type { Test } from 'tap';
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { findExecutable } from '../../src/util/executable.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'gauntlet');

const AS_ROOT = process.getuid?.() === 0;
/** What the set-up runs to become root, and the arguments before the root script. */
const PRIVILEGED = AS_ROOT ? { command: 'sh', before: ['-c'] } : { command: 'sudo', before: ['--', 'sh', '-c'] };
const SUDO = AS_ROOT ? '' : 'sudo ';
const MANUAL = `${SUDO}apt-get update && ${SUDO}DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends`;

/** Real commands the fake machine has; prosody comes only from the stand-in's "install". */
const BASE = ['dpkg-query', 'lua5.4'];
/** What each package puts on PATH when the stand-in "installs" it. */
const PROVIDES: Record<string, string[]> = { prosody: ['prosody', 'prosodyctl'] };

interface FakeMachine {
  /** Real commands, as the demo sees them. */
  bin: string;
  /** The set-up's PATH: the stand-ins, then bin. */
  path: string;
  records: string;
  /** The arguments the privileged stand-in got, or undefined if it never ran. */
  installCall(): string[] | undefined;
  aptGetCalled(): boolean;
}

function fakeMachine(options: { commands?: string[]; aptGet?: boolean; installExit?: number } = {}): FakeMachine {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-fresh-'));
  const [bin, shims, records] = ['bin', 'shims', 'records'].map((name) => join(dir, name)) as [string, string, string];
  for (const folder of [bin, shims, records]) mkdirSync(folder);
  for (const command of [...BASE, ...(options.commands ?? [])]) symlinkSync(realCommand(command), join(bin, command));
  const installs = Object.entries(PROVIDES)
    .map(([pkg, commands]) => `    ${pkg}) ${commands.map((c) => `${realCommand('ln')} -sf ${realCommand(c)} ${bin}/${c}`).join('; ')} ;;`)
    .join('\n');
  const standIn = [
    '#!/bin/sh',
    `# Stand-in for ${PRIVILEGED.command}: records its arguments, runs nothing, then "installs" the packages named after the script.`,
    `printf '%s\\0' "$@" > ${records}/install.argv`,
    `[ ${options.installExit ?? 0} -eq 0 ] || exit ${options.installExit}`,
    'while [ "$#" -gt 0 ] && [ "$1" != gauntlet-setup ]; do shift; done; shift',
    'for pkg in "$@"; do case "$pkg" in',
    installs,
    'esac; done',
  ].join('\n');
  writeExecutable(join(shims, PRIVILEGED.command), standIn);
  if (options.aptGet !== false) {
    writeExecutable(join(shims, 'apt-get'), `#!/bin/sh\n# Stand-in for apt-get: must only run inside the root script.\ntouch ${records}/apt-get.called\nexit 1\n`);
  }
  const argvFile = join(records, 'install.argv');
  return {
    bin,
    path: [shims, bin].join(delimiter),
    records,
    installCall: () => (existsSync(argvFile) ? readFileSync(argvFile, 'utf8').replace(/\0$/, '').split('\0') : undefined),
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

/** The command line of `gauntlet setup ...` on the fake machine with exactly this environment (env -i). */
function setupCommand(machine: FakeMachine, args: string[], env: Record<string, string>): string[] {
  const environment = { PATH: machine.path, HOME: machine.records, NO_COLOR: '1', ...env };
  return [realCommand('env'), '-i', ...Object.entries(environment).map(([k, v]) => `${k}=${v}`), process.execPath, BIN, 'setup', ...args];
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

t.test('prosody absent, GAUNTLET_INSTALL=yes: announces it, installs exactly it as root, then the demo runs', async (t) => {
  const machine = fakeMachine();
  const result = await setup(t, machine, ['demo'], { GAUNTLET_INSTALL: 'yes' });
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /the demo needs Debian packages that are missing here:\n {2}prosody +the lab Prosody server\n/);
  t.match(result.stdout, `It will run${AS_ROOT ? '' : ' through sudo'} (package services are kept from starting meanwhile):\n  ${MANUAL} prosody\n`);
  const argv = machine.installCall();
  const before = PRIVILEGED.before.length;
  t.same(argv?.slice(0, before), PRIVILEGED.before, `one root shell script${AS_ROOT ? '' : ' through sudo'}`);
  t.same(argv?.slice(before + 1), ['gauntlet-setup', 'prosody'], 'exactly the missing package (lua-unbound is installed here, dpkg says)');
  t.match(argv?.[before], /policy-rc\.d[\s\S]*apt-get update\n.*apt-get install -y --no-install-recommends "\$@"$/);
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
  const manual = `${MANUAL} prosody`;
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
    t.equal(machine.installCall(), undefined, `${label}: nothing was run`);
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
  t.match(result.stderr, /error: this machine has no apt-get, so gauntlet cannot install them\nhint: install them with your system's package manager; on Debian or Ubuntu: sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prosody\n/);
  t.equal(machine.installCall(), undefined);
});

t.test('a failed install exits 5 with the command, and nothing is reported installed', async (t) => {
  const machine = fakeMachine({ installExit: 100 });
  const result = await setup(t, machine, ['demo'], { GAUNTLET_INSTALL: 'yes' });
  t.equal(result.code, 5);
  t.match(result.stderr, /error: the install failed \(exit code 100\)\n/);
  t.match(result.stderr, `hint: see the output above; the command: ${MANUAL} prosody\n`);
  t.notMatch(result.stdout, /installed prosody/);
});

t.test('on a terminal it asks, and installs only on yes', async (t) => {
  const no = fakeMachine();
  const declined = await setupOnTerminal(no, ['demo'], 'n');
  t.equal(declined.code, 5);
  t.match(declined.output, /missing here:\n {2}prosody [\s\S]*Install them now\? \[y\/N\] [^\n]*n\s*\n[\s\S]*not installing \(you said no\)/);
  t.equal(no.installCall(), undefined, 'nothing was run');

  const yes = fakeMachine();
  const accepted = await setupOnTerminal(yes, ['demo'], 'y');
  t.equal(accepted.code, 0, accepted.output);
  t.same(yes.installCall()?.slice(PRIVILEGED.before.length + 1), ['gauntlet-setup', 'prosody']);
  t.match(accepted.output, /setup: installed prosody\./);
});
