import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeMetrics } from '../../src/metrics/index.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');
const dir = mkdtempSync(join(tmpdir(), 'gauntlet-merge-'));
const scenario = join(dir, 'shard.yaml');
// Each shard passes `count == 4` on its own; the merged run has 8 connections and must fail it.
writeFileSync(
  scenario,
  `name: shard
target: { lab: prosody }
accounts: { lab: { count: 2 } }
load:
  phases: [{ executor: constant-users, users: 2, iterations: 2 }]
flow:
  - login
  - presence
  - wait: online
  - message: { to: random-online }
  - expect: { stanza: "<message from='*'/>", timeout: 10s }
  - wait: done
  - disconnect
thresholds:
  connections_opened: ['count == 4']
  message_e2e: ['p(99) < 10s']
`,
);

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

t.test('two real runs against lab Prosody merge losslessly; thresholds are judged on the merged data', async (t) => {
  const outs = [join(dir, 'a'), join(dir, 'b')];
  // Each run starts its own throwaway Prosody.
  await Promise.all(outs.map((out) => run(BIN, ['run', scenario, '--out', out, '--quiet'])));
  const [a, b] = outs.map((out) => readJson(join(out, 'result.json')));
  const merged = join(dir, 'merged');
  const error = await run(BIN, ['merge', join(outs[0]!, 'result.json'), join(outs[1]!, 'result.json'), '--out', merged]).catch((e) => e);
  t.equal(error.code, 4, 'connections_opened count == 4 fails on the merged 8');
  t.match(error.stdout, /merged 2 results/);
  const result = readJson(join(merged, 'result.json'));
  t.match(result.thresholds.filter((threshold: { metric: string }) => !threshold.metric.startsWith('health.')), [{ metric: 'connections_opened', observed: 8, ok: false }, { metric: 'message_e2e', ok: true }]);
  t.ok(result.thresholds.some((threshold: { metric: string; ok: boolean }) => threshold.metric === 'health.logins' && threshold.ok), 'run health is judged again on the merged data');
  t.ok(existsSync(join(merged, 'report.html')), 'an HTML report beside the merged result');

  const [ma, mb, mm] = [a.metrics, b.metrics, result.metrics].map(decodeMetrics);
  t.equal(mm!.shards, 2);
  const keys = [...new Set([...ma!.histogramKeys(), ...mb!.histogramKeys()])];
  t.ok(keys.includes('message_e2e') && keys.includes('login_total'), `histograms: ${keys.join(', ')}`);
  t.same(mm!.histogramKeys(), keys.sort());
  const sum = (h: { count: number; meanUs: number } | undefined) => (h ? h.count * h.meanUs : 0);
  for (const key of keys) {
    const [x, y, m] = [ma!.latency(key), mb!.latency(key), mm!.latency(key)!];
    t.equal(m.count, (x?.count ?? 0) + (y?.count ?? 0), `${key}: counts add up`);
    t.ok(Math.abs(sum(m) - sum(x) - sum(y)) < 1e-6 * sum(m), `${key}: sums add up (${sum(m)} µs)`);
    t.equal(m.maxUs, Math.max(x?.maxUs ?? 0, y?.maxUs ?? 0), `${key}: max of the maxima`);
  }
  for (const key of new Set([...ma!.counterKeys(), ...mb!.counterKeys()])) {
    t.equal(mm!.counterTotal(key), (ma!.counterTotal(key) ?? 0) + (mb!.counterTotal(key) ?? 0), `${key}: counters add up`);
  }
  t.equal(mm!.counterTotal('connections_opened'), 8);

  const { stdout } = await run(BIN, ['compare', join(outs[0]!, 'result.json'), join(outs[1]!, 'result.json'), '--tolerance', '100000%', '--json']);
  const comparison = JSON.parse(stdout);
  t.equal(comparison.verdict, 'ok', 'two runs of one scenario, judged with a huge tolerance');
  t.ok(comparison.latencies.some((l: { key: string; presence: string }) => l.key === 'message_e2e' && l.presence === 'both'));
});

t.test('merge refuses results of different scenarios with a hint', async (t) => {
  const a = readJson(join(dir, 'a', 'result.json'));
  const other = join(dir, 'other.json');
  writeFileSync(other, JSON.stringify({ ...a, scenario: { ...a.scenario, name: 'another' } }));
  const error = await run(BIN, ['merge', join(dir, 'a', 'result.json'), other, '--out', join(dir, 'refused')]).catch((e) => e);
  t.equal(error.code, 2);
  t.match(error.stderr, /other\.json is not a shard of the same scenario as .*: its name differs/);
  t.match(error.stderr, /hint: merge only results of one scenario/);
  t.notOk(existsSync(join(dir, 'refused')), 'nothing written');
});
