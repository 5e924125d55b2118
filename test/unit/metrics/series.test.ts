import t from 'tap';
import { ManualClock } from '../../../src/metrics/clock.js';
import { MetricsRegistry } from '../../../src/metrics/registry.js';

// The run starts 0.4 s into a wall-clock second: second 0 of the series is 600 ms long.
const START_EPOCH_MS = 1_700_000_000_400;

function fixture() {
  const clock = new ManualClock(5000); // a monotonic clock has an arbitrary origin
  const registry = new MetricsRegistry({ clock, startEpochMs: START_EPOCH_MS });
  return { clock, registry, at: (elapsedMs: number) => clock.set(5000 + elapsedMs) };
}

t.test('samples go to the wall-clock second they happen in', async (t) => {
  const { registry, at } = fixture();
  const sent = registry.counter('stanzas_sent', { kind: 'message' });
  at(100);
  sent.add();
  at(599); // still 1_700_000_000.999
  sent.add(2);
  at(600); // next wall-clock second
  sent.add();
  at(3700); // seconds 2 and 3 are idle
  sent.add(5);
  const series = registry.series();
  t.equal(series.originEpochSecond, 1_700_000_000);
  t.equal(series.seconds, 5, 'four closed seconds plus the current partial one');
  t.same(series.counters['stanzas_sent{kind=message}'], [3, 1, 0, 0, 5]);
  t.equal(registry.counterTotal('stanzas_sent{kind=message}'), 9);
});

t.test('per-second latency percentiles come from that second only', async (t) => {
  const { registry, at } = fixture();
  const e2e = registry.histogram('message_e2e');
  at(100);
  for (let i = 0; i < 100; i++) e2e.recordMs(2);
  at(1100);
  for (let i = 0; i < 99; i++) e2e.recordMs(10);
  e2e.recordMs(500);
  at(2700);
  const series = registry.series();
  const columns = series.histograms['message_e2e']!;
  t.same(columns.count, [100, 100, 0, 0]);
  t.same(columns.p50Ms, [2, 10.007, null, null]);
  t.same(columns.p99Ms, [2, 10.007, null, null]);
  t.same(columns.maxMs, [2, 500.223, null, null]);
  t.equal(registry.summary('message_e2e')!.count, 200, 'the run-long histogram keeps everything');
});

t.test('gauges carry their value through idle seconds; late metrics are padded', async (t) => {
  const { registry, at } = fixture();
  const live = registry.gauge('live_users');
  at(0);
  live.add(10);
  at(1000);
  live.add(-3);
  at(3000);
  registry.counter('timeouts').add();
  registry.histogram('bind').recordMs(2);
  const series = registry.series();
  t.same(series.gauges['live_users'], [10, 7, 7, 7]);
  t.same(series.counters['timeouts'], [0, 0, 0, 1]);
  t.same(series.histograms['bind']!.count, [0, 0, 0, 1]);
  t.same(series.histograms['bind']!.p50Ms, [null, null, null, 2]);
  t.same(registry.gaugeReading('live_users'), { value: 7, max: 10 });
});

t.test('tick closes seconds without samples; series() does not disturb recording', async (t) => {
  const { registry, at } = fixture();
  const opened = registry.counter('connections_opened');
  at(100);
  opened.add();
  t.same(registry.series().counters['connections_opened'], [1], 'partial second reported');
  opened.add();
  at(2600);
  registry.tick();
  t.same(registry.series().counters['connections_opened'], [2, 0, 0, 0]);
  t.equal(registry.durationMs, 2600);
});

t.test('histogram bounds are declared per name, labels and corrected twins included', async (t) => {
  const { registry } = fixture();
  const bounds = { lowestUs: 1, highestUs: 1_000_000, significantDigits: 2 } as const;
  registry.declareHistogram('iq_rtt', bounds);
  registry.correctedLatency('iq_rtt', { kind: 'ping' }).recordFromIntended(0, 0, 5_000_000);
  t.same(registry.latency('iq_rtt{kind=ping}')!.bounds, bounds);
  t.same(registry.latency('iq_rtt.corrected{kind=ping}')!.bounds, bounds);
  t.equal(registry.latency('iq_rtt{kind=ping}')!.clampedAbove, 1);
  t.throws(() => registry.declareHistogram('iq_rtt', bounds), { code: 'internal' });
});
