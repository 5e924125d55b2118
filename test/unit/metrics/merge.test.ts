import t from 'tap';
import { ManualClock } from '../../../src/metrics/clock.js';
import { decodeMetrics, encodeRegistry } from '../../../src/metrics/encode.js';
import { mergeMetrics } from '../../../src/metrics/merge.js';
import { MetricsRegistry } from '../../../src/metrics/registry.js';

const START_A = 1_700_000_000_700;
const START_B = START_A + 2300; // shard B started 2.3 s later

interface Sample {
  readonly epochMs: number;
  readonly latencyUs: number;
  readonly kind: string;
}

function samples(startEpochMs: number, count: number, seed: number): Sample[] {
  let state = seed;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  return Array.from({ length: count }, (_, i) => ({
    epochMs: startEpochMs + i * 3,
    latencyUs: Math.round(100 + random() ** 3 * 2_000_000),
    kind: random() < 0.5 ? 'ping' : 'version',
  }));
}

/** Records samples as a run started at `startEpochMs` would, on a clock starting at 0. */
function record(registry: MetricsRegistry, clock: ManualClock, startEpochMs: number, all: readonly Sample[]): void {
  for (const sample of all) {
    clock.set(sample.epochMs - startEpochMs);
    registry.recordUs('iq_rtt', sample.latencyUs, { kind: sample.kind });
    registry.increment('stanzas_sent');
    registry.gauge('live_users').set(10);
  }
}

function run(startEpochMs: number, all: readonly Sample[], endEpochMs: number) {
  const clock = new ManualClock();
  const registry = new MetricsRegistry({ clock, startEpochMs });
  record(registry, clock, startEpochMs, [...all].sort((x, y) => x.epochMs - y.epochMs));
  clock.set(endEpochMs - startEpochMs);
  return registry;
}

t.test('merging two shards equals recording everything into one registry', async (t) => {
  const a = samples(START_A, 2000, 1);
  const b = samples(START_B, 3000, 2);
  const end = START_B + 9000;
  const merged = mergeMetrics(encodeRegistry(run(START_A, a, end)), encodeRegistry(run(START_B, b, end)));
  const single = run(START_A, [...a, ...b], end);
  const decoded = decodeMetrics(merged);

  t.equal(merged.shards, 2);
  t.equal(merged.startEpochMs, START_A);
  t.equal(merged.durationMs, end - START_A);
  t.same(decoded.histogramKeys(), single.histogramKeys());
  for (const key of single.histogramKeys()) t.same(decoded.summary(key), single.summary(key), key);
  t.equal(decoded.counterTotal('stanzas_sent'), 5000);

  const mergedSeries = merged.series;
  const singleSeries = single.series();
  t.equal(mergedSeries.originEpochSecond, singleSeries.originEpochSecond);
  t.equal(mergedSeries.seconds, singleSeries.seconds);
  t.same(mergedSeries.counters['stanzas_sent'], singleSeries.counters['stanzas_sent'], 'throughput aligned by wall-clock second');
  const ping = 'iq_rtt{kind=ping}';
  t.same(mergedSeries.histograms[ping]!.count, singleSeries.histograms[ping]!.count);
  t.same(mergedSeries.gauges['live_users']!.slice(3, 8), [20, 20, 20, 20, 20], 'gauges of overlapping shards add up');
  t.same(merged.gauges['live_users'], { value: 20, max: 20 });
});

t.test('per-second percentiles of merged shards are upper bounds, exact where one shard spoke', async (t) => {
  const a = samples(START_A, 2000, 3);
  const b = samples(START_B, 2000, 4);
  const end = START_B + 7000;
  const merged = mergeMetrics(encodeRegistry(run(START_A, a, end)), encodeRegistry(run(START_B, b, end))).series;
  const single = run(START_A, [...a, ...b], end).series();
  const key = 'iq_rtt{kind=version}';
  const onlyA = [0, 1]; // shard B had not started yet
  for (let second = 0; second < single.seconds; second++) {
    const exact = single.histograms[key]!.p99Ms[second] ?? null;
    const bound = merged.histograms[key]!.p99Ms[second] ?? null;
    if (exact === null) continue;
    if (onlyA.includes(second)) t.equal(bound, exact, `second ${second} exact`);
    else t.ok(bound !== null && bound >= exact, `second ${second}: ${bound} >= ${exact}`);
  }
});

t.test('histograms declared with different bounds still merge', async (t) => {
  const clock = new ManualClock();
  const narrow = new MetricsRegistry({ clock, startEpochMs: START_A, defaultBounds: { lowestUs: 1, highestUs: 1_000_000, significantDigits: 2 } });
  const wide = new MetricsRegistry({ clock, startEpochMs: START_A });
  narrow.recordMs('bind', 1);
  wide.recordMs('bind', 120_000);
  const merged = mergeMetrics(encodeRegistry(narrow), encodeRegistry(wide));
  t.match(merged.histograms['bind'], { highestUs: 600_000_000, significantDigits: 3 });
  const summary = decodeMetrics(merged).summary('bind')!;
  t.equal(summary.count, 2);
  t.equal(summary.minMs, 1);
  t.ok(summary.maxMs >= 120_000);
});
