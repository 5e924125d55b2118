/**
 * Execution segments against one lab Prosody given as an outside target: the same scenario run
 * whole and as 4 segments (4 processes started apart, phases together by --start-at) merges to
 * exactly the whole run's counts; a threshold only the merged data crosses fails the merge; and
 * --workers 2 writes one merged result.
 */
import t from 'tap';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLab } from '../../src/lab/index.js';
import { decodeMetrics, type MetricsJson } from '../../src/metrics/index.js';
import { GAUNTLET_BIN } from '../helpers/cli.js';

const exec = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const gauntlet = (args: string[]): Promise<Run> =>
  exec(GAUNTLET_BIN, args, { env: { ...process.env, NO_COLOR: '1' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Run) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

/** A child started now; resolves with its exit code and stderr. */
function started(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(GAUNTLET_BIN, args, { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
  });
}

interface Result {
  metrics: MetricsJson;
  thresholds: { metric: string; ok: boolean; observed?: number }[];
  timings: { phases: { name: string; startedAt: string }[] };
  scenarioDigest: string;
  segment?: { index: number; count: number };
  startAt?: string;
  segments?: { merged: number[]; count: number; partial: boolean };
  errors: { total: number };
}

const read = (dir: string): Result => JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
/** What must add up exactly: users (connections), logins, messages, iterations of each model. */
const COUNTED = ['connections_opened', 'stanzas_sent{kind=message}', 'stanzas_received{kind=message}', 'iterations{outcome=completed}'];

t.test('4 segments started apart merge to exactly the whole run', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const dir = t.testdir();
  const password = 'Seg-pass-1';
  await lab.createAccounts(Array.from({ length: 16 }, (_, i) => ({ username: `seg${i + 1}`, password })));
  const scenario = join(dir, 'segments.yaml');
  // Each shard opens 4 connections and passes `count < 10`; the whole run (and the merge) opens 16.
  writeFileSync(
    scenario,
    `name: segments
target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile} }
accounts: { pattern: { username: 'seg{n}', password: '${password}', count: 16 } }
load:
  phases:
    - { name: closed, executor: constant-users, users: 4, iterations: 2 }
    - { name: open, executor: constant-arrival-rate, rate: 4, duration: 2s, max_users: 16 }
flow:
  - login
  - message: { to: self }
  - expect: { stanza: "<message/>", timeout: 10s }
  - disconnect
thresholds:
  connections_opened: ['count < 10']
  login_total: ['p(99) < 30s']
`,
  );
  const whole = await gauntlet(['run', scenario, '--out', join(dir, 'whole'), '--quiet']);
  t.equal(whole.code, 4, `the whole run crosses count < 10 (exit 4)\n${whole.stderr}`);

  // Far enough ahead for 4 processes to set up on a busy machine; a shard that is late says so.
  const startAt = Date.now() + 20_000;
  const shards = await Promise.all(
    [1, 2, 3, 4].map(async (index) => {
      await new Promise((resolve) => setTimeout(resolve, (index - 1) * 400)); // staggered starts
      return started(['run', scenario, '--segment', `${index}/4`, '--start-at', String(startAt), '--out', join(dir, 'shards', `s${index}`), '--quiet']);
    }),
  );
  shards.forEach((run, i) => t.equal(run.code, 0, `segment ${i + 1}/4 passes count < 10 alone\n${run.stderr}`));
  const parts = [1, 2, 3, 4].map((index) => read(join(dir, 'shards', `s${index}`)));
  for (const [i, part] of parts.entries()) {
    t.same([part.segment, part.startAt], [{ index: i + 1, count: 4 }, new Date(startAt).toISOString()]);
    const lag = Date.parse(part.timings.phases[0]!.startedAt) - startAt;
    const said = shards[i]!.stderr;
    if (/--start-at passed/.test(said)) t.ok(lag > 0, `segment ${i + 1} was set up late and said so (began ${lag} ms after --start-at)`);
    else t.ok(/waiting .* for --start-at/.test(said) && lag >= 0 && lag < 2000, `segment ${i + 1} waited and began its phases ${lag} ms after --start-at`);
  }
  t.equal(new Set(parts.map((part) => part.scenarioDigest)).size, 1, 'one scenario digest');

  const merge = await gauntlet(['merge', join(dir, 'shards'), '--out', join(dir, 'merged')]);
  t.equal(merge.code, 4, `the merged 16 connections cross count < 10: thresholds exit code\n${merge.stdout}${merge.stderr}`);
  const [w, m] = [read(join(dir, 'whole')), read(join(dir, 'merged'))];
  t.same(m.segments, { merged: [1, 2, 3, 4], count: 4, partial: false });
  t.match(m.thresholds.find((x) => x.metric === 'connections_opened'), { ok: false, observed: 16 });
  t.equal(w.errors.total + m.errors.total, 0, 'no errors in either');
  const [wm, mm] = [decodeMetrics(w.metrics), decodeMetrics(m.metrics)];
  for (const key of COUNTED) t.equal(mm.counterTotal(key), wm.counterTotal(key), `${key}: merged ${mm.counterTotal(key)} = whole`);
  t.equal(wm.counterTotal('connections_opened'), 16, '8 closed-model iterations + 8 arrivals, one login each');
  for (const key of ['login_total', 'message_e2e']) {
    const [a, b] = [wm.latency(key)!, mm.latency(key)!];
    t.equal(b.count, a.count, `${key}: ${a.count} samples in both`);
    // The merged median lies between the shards' medians (histograms added, not averaged). Against
    // the whole run it is a separate measurement (4 processes contend where 1 ran alone, on a shared
    // machine): only the order of magnitude must agree, or both be within 50 ms.
    const medians = parts.map((part) => decodeMetrics(part.metrics).latency(key)!.valueAtPercentileUs(50));
    const p50 = b.valueAtPercentileUs(50);
    t.ok(p50 >= Math.min(...medians) && p50 <= Math.max(...medians), `${key}: merged p50 ${p50} µs within the shards' ${medians.join(', ')}`);
    const whole = a.valueAtPercentileUs(50);
    const ratio = p50 / whole;
    // A few milliseconds on a loaded machine are noise, whatever their ratio.
    t.ok((ratio > 0.1 && ratio < 10) || Math.abs(p50 - whole) < 50_000, `${key}: merged p50 ${p50} µs, whole p50 ${whole} µs (ratio ${ratio.toFixed(2)})`);
  }

  const partial = await gauntlet(['merge', ...[1, 2, 4].map((index) => join(dir, 'shards', `s${index}`, 'result.json')), '--out', join(dir, 'partial')]);
  t.equal(partial.code, 2, 'a missing segment is refused');
  t.match(partial.stderr, /segments missing: 3\/4 \(have 3\/4 of the scenario\)/);
  const allowed = await gauntlet(['merge', ...[1, 2, 4].map((index) => join(dir, 'shards', `s${index}`, 'result.json')), '--partial', '--out', join(dir, 'partial')]);
  t.match(allowed.stdout, /partial: 3\/4 of the scenario/);
  const twice = await gauntlet(['merge', join(dir, 'shards', 's1', 'result.json'), join(dir, 'shards', 's1', 'result.json'), '--out', join(dir, 'twice')]);
  t.equal(twice.code, 2);
  t.match(twice.stderr, /segments overlap/);
  t.notOk(existsSync(join(dir, 'twice')), 'nothing written when refused');

  const workers = await gauntlet(['run', scenario, '--workers', '2', '--out', join(dir, 'workers'), '--quiet']);
  t.equal(workers.code, 4, `--workers 2: the merged result crosses count < 10 like the whole run\n${workers.stderr}`);
  t.match(workers.stdout, /merged from 2 of 2 workers/);
  const both = read(join(dir, 'workers'));
  t.same(both.segments, { merged: [1, 2], count: 2, partial: false });
  const bm = decodeMetrics(both.metrics);
  for (const key of COUNTED) t.equal(bm.counterTotal(key), wm.counterTotal(key), `--workers 2, ${key}: ${bm.counterTotal(key)} = whole`);
  t.ok(existsSync(join(dir, 'workers', 'report.html')) && existsSync(join(dir, 'workers', 'segment-1-of-2', 'result.json')), 'one merged report, the segments kept beside it');
});
