import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAUNTLET_BIN as BIN, gauntlet, SMOKE_SCENARIO as SMOKE } from '../helpers/cli.js';

t.test('run writes report.html beside result.json; report renders it again anywhere', async (t) => {
  const out = join(t.testdir(), 'out');
  const run = await gauntlet(['run', SMOKE, '--quiet', '--out', out]);
  t.equal(run.code, 0);
  t.match(run.out, `report: ${join(out, 'report.html')}`);
  const beside = readFileSync(join(out, 'report.html'), 'utf8');
  t.match(beside, /^<!doctype html>[^]*<h1>smoke<\/h1>[^]*PASSED/);

  const elsewhere = join(t.testdirName, 'copies', 'smoke.html');
  const report = await gauntlet(['report', join(out, 'result.json'), '--html', elsewhere]);
  t.equal(report.code, 0);
  t.equal(report.out, `html report: ${elsewhere}\n`);
  const again = readFileSync(elsewhere, 'utf8');
  t.equal(again, beside, 'the same result renders to the same page');
});

t.test('report refuses a file that is not a result, with exit code 2', async (t) => {
  const dir = t.testdir({ 'other.json': '{"format":"something-else"}', 'broken.json': '{' });
  const other = await gauntlet(['report', join(dir, 'other.json')]);
  t.equal(other.code, 2);
  t.match(other.err, /is not a gauntlet result/);
  t.equal((await gauntlet(['report', join(dir, 'broken.json')])).code, 2);
  t.equal((await gauntlet(['report', join(dir, 'missing.json')])).code, 2);
  t.notOk(existsSync(join(dir, 'report.html')), 'nothing written');
});

t.test('Ctrl-C still leaves an HTML report of what was gathered', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'endless.yaml');
  writeFileSync(
    file,
    `name: endless
target: { lab: prosody }
accounts: { lab: { count: 2 } }
load:
  phases: [{ name: forever, executor: constant-users, users: 2, duration: 5m }]
flow:
  - login
  - presence
  - loop: { duration: 5m, steps: [ { iq: ping }, { think: 20ms } ] }
`,
  );
  const out = join(dir, 'out');
  const child = spawn(BIN, ['run', file, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => void (child.exitCode === null && child.kill('SIGKILL')));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Wait until the load phase runs (the progress line names it), then interrupt.
  const deadline = Date.now() + 120_000;
  while (!stderr.includes('phase 1/1: forever') && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.match(stderr, 'phase 1/1: forever', 'the load phase started');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.once('exit', resolve));
  t.equal(code, 130);
  const page = readFileSync(join(out, 'report.html'), 'utf8');
  t.match(page, /<div class="verdict warn" id="verdict">INTERRUPTED/);
  t.match(page, /The run was interrupted/);
  t.match(page, /iq_rtt\{kind=ping\}/, 'the pings measured before the stop are in it');
});
