import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The plain "a crossed threshold exits 4" case is in cli-run.test.ts; these add what happens
// during the run (abort_on_fail), per-phase thresholds and --junit on a real lab Prosody run.
const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');
const XSD = join(import.meta.dirname, '..', 'fixtures', 'junit', 'junit-10.xsd');

function scenarioFile(text: string): { dir: string; file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-thresholds-'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return { dir, file, out: join(dir, 'out') };
}

const readResult = (out: string) => JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));

/** The scenario's own thresholds: run health (health.*) comes first in every result. */
const scenarioThresholds = (threshold: { metric: string }) => !threshold.metric.startsWith('health.');

t.test('abort_on_fail stops a 5-minute phase early, exits 4, writes results and JUnit XML', async (t) => {
  const { dir, file, out } = scenarioFile(`name: abort-early
target: { lab: prosody }
accounts: { lab: { count: 2 } }
load:
  phases: [{ name: steady, executor: constant-users, users: 2, duration: 5m }]
flow:
  - login
  - loop: { duration: 5m, steps: [ { iq: ping }, { think: 50ms } ] }
thresholds:
  iq_rtt: [{ threshold: 'max < 1us', abort_on_fail: true, delay_abort_eval: 1s }]
  'login_total{phase=steady}': ['count == 2']
`);
  const junit = join(dir, 'junit.xml');
  const error = await run(BIN, ['run', file, '--out', out, '--quiet', '--junit', junit]).catch((e) => e);
  t.equal(error.code, 4, 'exit code 4: a threshold failed');
  t.match(error.stderr, /stopped early: iq_rtt: max < 1us — stopped the run [\d.]+s into the load \(abort_on_fail\)/);
  const result = readResult(out);
  t.equal(result.interrupted, false, 'a threshold abort is not an interruption (that would exit 130)');
  t.ok(result.timings.phases[0].durationMs < 60_000, `the phase stopped early (${result.timings.phases[0].durationMs} ms of 5 min)`);
  t.match(result.thresholds.filter(scenarioThresholds), [
    { metric: 'iq_rtt', ok: false, abortedRun: true, firstFailedAtMs: Number },
    { metric: 'login_total{phase=steady}', ok: true, observed: 2 },
  ]);
  t.ok(result.phaseMetrics.steady.histograms.login_total, 'what the phase recorded is kept for merge');
  const { stderr } = await run('xmllint', ['--noout', '--schema', XSD, junit]);
  t.match(stderr, /validates/);
  const xml = readFileSync(junit, 'utf8');
  t.match(xml, /<testcase classname="thresholds" name="iq_rtt: max &lt; 1us">\n\s+<failure message="observed [\d.]+ ms \(stopped the run/);
  t.match(xml, /<testcase classname="thresholds" name="login_total\{phase=steady\}: count == 2">/);
});

t.test('per-phase thresholds judge each phase on its own; the whole run on everything', async (t) => {
  const { file, out } = scenarioFile(`name: phases
target: { lab: prosody }
accounts: { lab: { count: 2 } }
load:
  phases:
    - { name: warm up, executor: constant-users, users: 1, iterations: 1 }
    - { name: steady, executor: constant-users, users: 2, iterations: 2 }
flow: [login, { iq: ping }, disconnect]
thresholds:
  'login_total{phase=warm up}': ['count == 1']
  'login_total{phase=steady}': ['count == 4']
  login_total: ['count == 5']
  'iq_rtt{kind=ping,phase=steady}': ['count == 4', 'p(99) < 10s']
`);
  const { stdout } = await run(BIN, ['run', file, '--out', out, '--quiet']);
  t.match(stdout, /login_total\{phase=warm_up\}: count == 1 +1 +pass/);
  const result = readResult(out);
  t.same(
    result.thresholds.filter(scenarioThresholds).map((r: { metric: string; observed: number; ok: boolean }) => [r.metric, r.ok]),
    [
      ['login_total{phase=warm_up}', true],
      ['login_total{phase=steady}', true],
      ['login_total', true],
      ['iq_rtt{kind=ping,phase=steady}', true],
      ['iq_rtt{kind=ping,phase=steady}', true],
    ],
  );
  t.same(Object.keys(result.phaseMetrics), ['warm_up', 'steady']);
});
