import t from 'tap';
import { ManualClock } from '../../../src/metrics/clock.js';
import { MetricsRegistry } from '../../../src/metrics/registry.js';

/**
 * A sender paced at one request per 10 ms, one request in flight at a time. Every answer takes
 * 1 ms except the one sent at t = 5 s, which takes 1 s: the next requests leave late.
 */
function simulateStall(record: (intendedMs: number, actualMs: number, endMs: number) => void): number[] {
  const fromIntendedMs: number[] = [];
  let previousEndMs = 0;
  for (let i = 0; i < 1000; i++) {
    const intendedMs = i * 10;
    const actualMs = Math.max(intendedMs, previousEndMs);
    const endMs = actualMs + (intendedMs === 5000 ? 1000 : 1);
    record(intendedMs, actualMs, endMs);
    fromIntendedMs.push(endMs - intendedMs);
    previousEndMs = endMs;
  }
  return fromIntendedMs.sort((a, b) => a - b);
}

function exactPercentile(sorted: readonly number[], percentile: number): number {
  // The small epsilon keeps 99.9 % of 1000 at 999 despite floating point (999.0000000000001).
  return sorted[Math.ceil((percentile / 100) * sorted.length - 1e-9) - 1]!;
}

t.test('raw latencies hide a stall that corrected ones show', async (t) => {
  const registry = new MetricsRegistry({ clock: new ManualClock(), startEpochMs: 0 });
  const latency = registry.correctedLatency('iq_rtt', { kind: 'ping' });
  const sortedFromIntended = simulateStall((intendedMs, actualMs, endMs) =>
    latency.recordFromIntended(intendedMs * 1000, actualMs * 1000, endMs * 1000),
  );

  const raw = registry.summary('iq_rtt{kind=ping}')!;
  const corrected = registry.summary('iq_rtt.corrected{kind=ping}')!;
  t.equal(raw.count, 1000);
  t.equal(corrected.count, 1000);
  t.equal(raw.p99Ms, 1, 'raw p99 sees a fast server');
  t.equal(raw.maxMs, 1000.447, 'raw sees the one slow answer (bucket top of 1 s)');

  // 111 requests left late; measured from when they were due, they waited up to ~1 s.
  t.equal(sortedFromIntended.filter((ms) => ms > 1).length, 111);
  for (const percentile of [50, 90, 95, 99, 99.9]) {
    const exact = exactPercentile(sortedFromIntended, percentile);
    const measured = corrected[`p${percentile === 99.9 ? '999' : percentile}Ms` as 'p50Ms'];
    t.ok(measured >= exact && measured <= exact * 1.001, `corrected p${percentile}: ${measured} ms vs exact ${exact} ms`);
  }
  t.ok(corrected.p99Ms > 800, 'corrected p99 shows the stall');
});

t.test('expected-interval correction goes to the .corrected twin only', async (t) => {
  const registry = new MetricsRegistry({ clock: new ManualClock(), startEpochMs: 0 });
  const latency = registry.correctedLatency('message_e2e');
  for (let i = 0; i < 999; i++) latency.recordUsWithExpectedInterval(1000, 10_000);
  latency.recordUsWithExpectedInterval(1_000_000, 10_000);
  t.equal(registry.summary('message_e2e')!.count, 1000);
  t.equal(registry.summary('message_e2e')!.p99Ms, 1);
  const corrected = registry.summary('message_e2e.corrected')!;
  t.equal(corrected.count, 1099, '99 synthetic samples for the requests the stall held back');
  t.ok(corrected.p99Ms > 900 && corrected.p99Ms < 1000, `corrected p99 ${corrected.p99Ms}`);
});

t.test('a request sent early is measured from when it left', async (t) => {
  const registry = new MetricsRegistry({ clock: new ManualClock(), startEpochMs: 0 });
  registry.correctedLatency('x').recordFromIntended(5000, 2000, 3000);
  t.equal(registry.summary('x')!.maxMs, 1);
  t.equal(registry.summary('x.corrected')!.maxMs, 1);
});
