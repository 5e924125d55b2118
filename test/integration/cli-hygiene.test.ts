/** The CLI as scripts and terminals use it: closed pipes, NO_COLOR, init/validate, -e, --summary-json. */
import t from 'tap';
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GAUNTLET_BIN, SMOKE_SCENARIO } from '../helpers/cli.js';

const exec = promisify(execFile);

/** `env` on top of this process's, without the colour and password variables a test sets itself. */
function gauntlet(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, LOAD_PASSWORD: _password, ...inherited } = process.env;
  return exec(GAUNTLET_BIN, args, { env: { ...inherited, ...env }, cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

t.test('a reader that closes stdout early (gauntlet schema | head) ends it quietly with 0', async (t) => {
  const child = spawn(GAUNTLET_BIN, ['schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.once('exit', resolve));
  t.equal(code, 0);
  t.equal(stderr, '', 'no EPIPE stack trace');
});

t.test('NO_COLOR removes colour even where it is forced', async (t) => {
  const dir = t.testdir({ 'bad.yaml': 'name: bad\ntarget: { lab: prosody }\n' });
  const coloured = await gauntlet(['validate', join(dir, 'bad.yaml')], { FORCE_COLOR: '1' });
  t.equal(coloured.code, 2);
  t.match(coloured.stderr, /\x1b\[/, 'colour when forced');
  const plain = await gauntlet(['validate', join(dir, 'bad.yaml')], { FORCE_COLOR: '1', NO_COLOR: '1' });
  t.equal(plain.code, 2);
  t.notMatch(plain.stderr, /\x1b\[/);
});

t.test('init scaffolds a scenario that validate explains; -e fills ${env:}; existing files are kept', async (t) => {
  const dir = t.testdir();
  const init = await gauntlet(['init', 'example.org'], {}, dir);
  t.equal(init.code, 0, init.stderr);
  t.match(readFileSync(join(dir, 'example.org.yaml'), 'utf8'), /^# A load scenario for example\.org/);
  const again = await gauntlet(['init', 'example.org'], {}, dir);
  t.equal(again.code, 2);
  t.match(again.stderr, /example\.org\.yaml exists already/);
  const withoutPassword = await gauntlet(['validate', 'example.org.yaml'], {}, dir);
  t.equal(withoutPassword.code, 2);
  t.match(withoutPassword.stderr, /LOAD_PASSWORD is not set/);
  const valid = await gauntlet(['validate', 'example.org.yaml', '-e', 'LOAD_PASSWORD=s3cret'], {}, dir);
  t.equal(valid.code, 0, valid.stderr);
  t.match(valid.stdout, /^example\.org-load: valid\n/);
  t.notMatch(valid.stdout, /s3cret/, 'the password is never printed');
});

t.test('--summary-json puts one JSON line on stdout, the usual summary on stderr', async (t) => {
  const dir = t.testdir();
  const run = await gauntlet(['run', SMOKE_SCENARIO, '--out', join(dir, 'out'), '--quiet', '--summary-json']);
  t.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  t.equal(lines.length, 1);
  const summary = JSON.parse(lines[0]!);
  t.match(summary, { scenario: 'smoke', exitCode: 0, passed: true, interrupted: false, errors: { total: 0, groups: [] } });
  t.ok(summary.latencies.message_e2e.count > 0);
  t.equal(summary.resultFile, join(dir, 'out', 'result.json'));
  t.match(run.stderr, /results: .*result\.json/);
  writeFileSync(join(dir, 'summary.json'), run.stdout);
});
