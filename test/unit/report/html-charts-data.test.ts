import t from 'tap';
import { MetricsRegistry, decodeMetrics, encodeRegistry } from '../../../src/metrics/index.js';
import { chartsData } from '../../../src/report/html/charts-data.js';
import { isErrorCounter, latencyPairs } from '../../../src/report/html/metric-keys.js';
import { sampleResult } from './html-fixture.js';

const result = sampleResult();
const metrics = decodeMetrics(result.metrics);

t.test('latency metrics are paired with their corrected twins, e2e and login first', async (t) => {
  t.same(latencyPairs(metrics), [
    { key: 'message_e2e', raw: 'message_e2e', corrected: 'message_e2e.corrected' },
    { key: 'login_total', raw: 'login_total', corrected: undefined },
  ]);
});

t.test('error counters are told from throughput', async (t) => {
  t.ok(isErrorCounter('stanza_errors{condition=service-unavailable}'));
  t.ok(isErrorCounter('connections_failed{reason=tls}'));
  t.ok(isErrorCounter('iterations{outcome=failed}'));
  t.notOk(isErrorCounter('iterations{outcome=completed}'));
  t.notOk(isErrorCounter('stanzas_sent{kind=message}'));
});

t.test('chart data: distributions raw and corrected, per-second series, phase marks', async (t) => {
  const data = chartsData(metrics, result.timings.phases);
  const e2e = data.distribution.charts.find((chart) => chart.title === 'message_e2e')!;
  t.same(e2e.series.map((series) => series.label), ['raw', 'CO-corrected']);
  t.equal(e2e.series[0]!.values.length, data.distribution.xs.length, 'aligned with the shared x positions');
  t.same(data.distribution.ticks.map((tick) => tick.label), ['50%', '90%', '99%', '99.9%', '99.99%', '99.999%']);

  t.same(data.timeline.xs, [1_700_000_000.5, 1_700_000_001.5, 1_700_000_002.5, 1_700_000_003.5], 'mid-second; the current second is closed at encoding');
  t.same(data.timeline.phases, [{ name: 'steady', start: 1_700_000_000, end: 1_700_000_003 }]);
  const byId = new Map(data.timeline.charts.map((chart) => [chart.id, chart]));
  t.same(byId.get('tl-stanzas')!.series, [{ label: 'stanzas_sent{kind=message}', values: [100, 100, 100, 0] }]);
  t.same(byId.get('tl-errors')!.series, [{ label: 'stanza_errors{condition=service-unavailable}', values: [1, 1, 1, 0] }]);
  t.same(byId.get('tl-users')!.series, [{ label: 'live_users', values: [2, 4, 6, 6] }]);
  const latency = data.timeline.charts.find((chart) => chart.title === 'message_e2e percentiles')!;
  t.same(latency.series.map((series) => series.label), ['p50', 'p90', 'p99', 'max']);
  t.equal(new Set(data.timeline.charts.map((chart) => chart.id)).size, data.timeline.charts.length, 'ids are unique');
});

t.test('each kind of rate gets its own axis: aborted iterations apart from stanzas and logins', async (t) => {
  let now = 0;
  const registry = new MetricsRegistry({ startEpochMs: 1_700_000_000_000, clock: { nowMs: () => now } });
  registry.increment('stanzas_sent', { kind: 'message' }, 500);
  registry.increment('connections_opened', undefined, 3);
  registry.increment('iterations', { outcome: 'completed' }, 3);
  now = 1000;
  registry.increment('iterations', { outcome: 'aborted' }, 200);
  const charts = new Map(chartsData(decodeMetrics(encodeRegistry(registry)), []).timeline.charts.map((chart) => [chart.id, chart.series.map((s) => s.label)]));
  t.same(charts.get('tl-stanzas'), ['stanzas_sent{kind=message}']);
  t.same(charts.get('tl-sessions'), ['connections_opened', 'iterations{outcome=completed}']);
  t.same(charts.get('tl-ended'), ['iterations{outcome=aborted}']);
  t.notOk(charts.has('tl-other'), 'no empty chart');
});
