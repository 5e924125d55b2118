import t from 'tap';
import { mergeResults } from '../../../src/engine/merge-results.js';
import { RESULT_FORMAT, type RunResult } from '../../../src/engine/result.js';
import { MetricsRegistry, decodeMetrics, encodeRegistry } from '../../../src/metrics/index.js';

const SCENARIO = { name: 'chat', load: { phases: [] }, flow: [{ kind: 'login' }], thresholds: { login_total: ['max < 100ms', 'count >= 3'], 'login_total{phase=steady}': ['count == 2'] } };

/** A shard that started `offsetS` seconds after the first and logged in `logins` times. */
function shard(offsetS: number, logins: number[], scenario: object = SCENARIO): RunResult {
  const start = Date.parse('2026-11-27T03:00:00.000Z') + offsetS * 1000;
  const metrics = new MetricsRegistry({ startEpochMs: start });
  for (const ms of logins) metrics.recordMs('login_total', ms);
  metrics.increment('connections_opened', undefined, logins.length);
  const steady = new MetricsRegistry({ startEpochMs: start });
  steady.recordMs('login_total', logins[0]!);
  const iso = (s: number) => new Date(start + s * 1000).toISOString();
  return {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version: '0.1.0' },
    scenario,
    environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1 },
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', via: 'explicit' },
    timings: { startedAt: iso(0), endedAt: iso(10), durationMs: 10_000, loadMs: 8_000, phases: [{ name: 'steady', executor: 'constant-users', startedAt: iso(1), endedAt: iso(9), durationMs: 8000 }] },
    metrics: encodeRegistry(metrics),
    thresholds: [],
    errors: { total: 1, byKind: { timeout: 1 }, sample: [{ atMs: 500, kind: 'timeout', message: `shard at ${offsetS}s` }] },
    interrupted: false,
    checks: [{ id: 'rfc6120.x', title: 'x', area: 'stream', level: 'MUST', spec: [], tags: [], verdict: 'pass', reason: 'ok', durationMs: 1, wire: [] }],
    phaseMetrics: { steady: encodeRegistry(steady) },
  };
}

t.test('histograms and counters add up, timings span both shards, thresholds are judged again', async (t) => {
  const merged = mergeResults([
    { file: 'a/result.json', result: shard(0, [10, 20]) },
    { file: 'b/result.json', result: shard(5, [30, 150]) },
  ]);
  const metrics = decodeMetrics(merged.metrics);
  t.equal(metrics.latency('login_total')!.count, 4);
  t.equal(metrics.counterTotal('connections_opened'), 4);
  t.equal(merged.metrics.shards, 2);
  t.same([merged.timings.startedAt, merged.timings.endedAt, merged.timings.durationMs, merged.timings.loadMs], ['2026-11-27T03:00:00.000Z', '2026-11-27T03:00:15.000Z', 15_000, 13_000]);
  t.same(merged.timings.phases.map((p) => [p.name, p.durationMs]), [['steady', 13_000]]);
  t.same(
    merged.thresholds.map((r) => [r.metric, r.expression, r.ok]),
    [
      ['login_total', 'max < 100ms', false],
      ['login_total', 'count >= 3', true],
      ['login_total{phase=steady}', 'count == 2', true],
    ],
    'the slow login of shard b fails the merged max; each shard logged in once in its steady phase',
  );
  t.same(merged.errors, { total: 2, byKind: { timeout: 2 }, sample: [{ atMs: 500, kind: 'timeout', message: 'shard at 0s' }, { atMs: 5500, kind: 'timeout', message: 'shard at 5s' }], groups: [] });
  t.same(merged.checks!.map((c) => c.tags), [['shard-1'], ['shard-2']]);
});

t.test('results of different scenarios are refused with a hint', async (t) => {
  const other = { ...SCENARIO, flow: [{ kind: 'login' }, { kind: 'presence' }] };
  t.throws(() => mergeResults([{ file: 'a/result.json', result: shard(0, [1]) }, { file: 'b/result.json', result: shard(0, [1], other) }]), {
    code: 'usage',
    message: 'b/result.json is not a shard of the same scenario as a/result.json: its flow differs',
    hint: /gauntlet compare/,
  });
  t.throws(() => mergeResults([{ file: 'a/result.json', result: shard(0, [1]) }]), { code: 'usage', message: /at least two/ });
});
