import t from 'tap';
import { LatencyHistogram, widenBounds } from '../../../src/metrics/histogram.js';
import { summarizeLatency } from '../../../src/metrics/summary.js';

t.test('milliseconds and microseconds land in the same place', async (t) => {
  const histogram = LatencyHistogram.create();
  histogram.recordMs(1.5);
  histogram.recordUs(1500);
  t.equal(histogram.count, 2);
  t.equal(histogram.minUs, 1500);
  t.equal(histogram.maxUs, 1500);
  t.equal(summarizeLatency(histogram).p50Ms, 1.5);
});

t.test('summary is in ms, with percentiles within 3 significant digits', async (t) => {
  const histogram = LatencyHistogram.create();
  for (let ms = 1; ms <= 1000; ms++) histogram.recordMs(ms);
  const summary = summarizeLatency(histogram, 10_000);
  t.equal(summary.count, 1000);
  t.equal(summary.minMs, 1);
  t.ok(Math.abs(summary.meanMs - 500.5) < 0.5, `mean ${summary.meanMs}`);
  for (const [field, exact] of [['p50Ms', 500], ['p90Ms', 900], ['p99Ms', 990], ['p999Ms', 999], ['maxMs', 1000]] as const) {
    const relative = (summary[field] - exact) / exact;
    t.ok(relative >= 0 && relative < 0.001, `${field} ${summary[field]} vs ${exact}`);
  }
  t.equal(summary.perSecond, 100);
});

t.test('an empty histogram summarises to zeros', async (t) => {
  const summary = summarizeLatency(LatencyHistogram.create());
  t.same(summary, { count: 0, minMs: 0, meanMs: 0, stdDevMs: 0, p50Ms: 0, p90Ms: 0, p95Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 });
});

t.test('out-of-range values are clamped and counted, never thrown', async (t) => {
  const histogram = LatencyHistogram.create({ lowestUs: 1, highestUs: 1_000_000, significantDigits: 3 });
  histogram.recordUs(-5);
  histogram.recordUs(5_000_000);
  histogram.recordUs(Number.NaN);
  t.equal(histogram.count, 3);
  t.equal(histogram.clampedBelow, 2);
  t.equal(histogram.clampedAbove, 1);
  t.equal(histogram.minUs, 0);
  t.ok(histogram.maxUs >= 1_000_000 && histogram.maxUs < 1_001_000);
});

t.test('expected-interval correction back-fills the samples a stall swallowed', async (t) => {
  const histogram = LatencyHistogram.create();
  histogram.recordUsWithExpectedInterval(1_000_000, 10_000); // a 1 s stall, one request per 10 ms
  t.equal(histogram.count, 100); // 1 s, 990 ms, ..., 10 ms
  t.equal(histogram.minUs, 10_000);
});

t.test('histograms with different bounds add into widened bounds', async (t) => {
  const narrow = LatencyHistogram.create({ lowestUs: 1, highestUs: 1_000_000, significantDigits: 2 });
  const wide = LatencyHistogram.create({ lowestUs: 1, highestUs: 60_000_000, significantDigits: 3 });
  narrow.recordUs(500);
  wide.recordUs(30_000_000);
  const merged = LatencyHistogram.create(widenBounds(narrow.bounds, wide.bounds));
  merged.add(narrow);
  merged.add(wide);
  t.same(merged.bounds, { lowestUs: 1, highestUs: 60_000_000, significantDigits: 3 });
  t.equal(merged.count, 2);
  t.equal(merged.minUs, 500);
});
