import t from 'tap';
import { ManualClock } from '../../../src/metrics/clock.js';
import { decodeMetrics, encodeRegistry } from '../../../src/metrics/encode.js';
import { MetricsRegistry } from '../../../src/metrics/registry.js';
import { evaluateThresholds } from '../../../src/metrics/thresholds/evaluate.js';
import { parseThresholds, type ThresholdSpec } from '../../../src/metrics/thresholds/parse.js';

/** A 10-second run: 1000 messages (1..1000 ms), failures by reason, 2 errors, 40 live users. */
function run(): MetricsRegistry {
  const clock = new ManualClock();
  const registry = new MetricsRegistry({ clock, startEpochMs: 1_700_000_000_000 });
  for (let ms = 1; ms <= 1000; ms++) {
    registry.recordMs('message_e2e', ms);
    registry.increment('stanzas_sent', { kind: 'message' });
  }
  registry.recordMs('iq_rtt', 5, { kind: 'ping' });
  registry.recordMs('iq_rtt', 50, { kind: 'disco' });
  registry.increment('connections_failed', { reason: 'timeout' }, 2);
  registry.increment('connections_failed', { reason: 'tls' });
  registry.increment('stanza_errors', { condition: 'service-unavailable' }, 2);
  registry.gauge('live_users').set(50);
  registry.gauge('live_users').set(40);
  clock.set(10_000);
  return registry;
}

function evaluate(spec: ThresholdSpec, registry = run()) {
  const { thresholds, problems } = parseThresholds(spec);
  if (problems.length > 0) throw problems[0];
  return evaluateThresholds(thresholds, registry);
}

t.test('latency aggregations observe milliseconds', async (t) => {
  const results = evaluate({ message_e2e: ['p(99) < 500ms', 'p(50) <= 1s', 'avg < 1s', 'max < 2s', 'min == 1', 'med > 400', 'count > 100', 'rate >= 100'] });
  t.same(
    results.map((r) => [r.expression, r.observed, r.unit, r.ok]),
    [
      ['p(99) < 500ms', 990.207, 'ms', false],
      ['p(50) <= 1s', 500.223, 'ms', true],
      ['avg < 1s', 500.504858, 'ms', true],
      ['max < 2s', 1000.447, 'ms', true],
      ['min == 1', 1, 'ms', true],
      ['med > 400', 500.223, 'ms', true],
      ['count > 100', 1000, 'number', true],
      ['rate >= 100', 100, 'per_second', true],
    ],
  );
});

t.test('a key without labels covers every label set; with labels, only those', async (t) => {
  const results = evaluate({
    connections_failed: ['count == 0'],
    'connections_failed{reason=tls}': ['count == 1'],
    iq_rtt: ['max < 10ms', 'count == 2'],
    'iq_rtt{kind=ping}': ['max < 10ms'],
  });
  t.same(results.map((r) => [r.metric, r.observed, r.ok]), [
    ['connections_failed', 3, false],
    ['connections_failed{reason=tls}', 1, true],
    ['iq_rtt', 50.015, false],
    ['iq_rtt', 2, true],
    ['iq_rtt{kind=ping}', 5.003, true],
  ]);
});

t.test('ratios divide by another counter', async (t) => {
  const results = evaluate({
    stanza_errors: ['ratio(stanzas_sent) < 1%', 'ratio(stanzas_sent{kind=message}) <= 0.001'],
    timeouts: ['ratio(stanzas_sent) == 0'],
    connections_failed: ['ratio(dropped_arrivals) < 0.5'],
  });
  t.same(results.map((r) => [r.observed, r.unit, r.ok]), [
    [0.002, 'ratio', true],
    [0.002, 'ratio', false],
    [0, 'ratio', true],
    [null, 'ratio', false],
  ]);
  t.match(results[2], { note: /nothing recorded under timeouts: counted as 0/ });
  t.match(results[3], { note: /dropped_arrivals is 0/ });
});

t.test('gauges, missing metrics and misapplied aggregations', async (t) => {
  const results = evaluate({
    live_users: ['value == 40', 'max >= 50', 'max < 2s', 'p(99) < 1s'],
    timeouts: ['count == 0', 'rate < 1'],
    s2s_connect: ['p(95) < 1s', 'value > 0'],
    stanzas_sent: ['avg < 1s'],
  });
  t.same(results.map((r) => [r.expression, r.observed, r.ok]), [
    ['value == 40', 40, true],
    ['max >= 50', 50, true],
    ['max < 2s', null, false],
    ['p(99) < 1s', null, false],
    ['count == 0', 0, true],
    ['rate < 1', 0, true],
    ['p(95) < 1s', null, false],
    ['value > 0', null, false],
    ['avg < 1s', null, false],
  ]);
  t.match(results[2], { note: /gauge: compare it with a plain number/ });
  t.match(results[3], { note: /percentile does not apply to live_users, a gauge/ });
  t.match(results[4], { note: /nothing recorded under timeouts/ }, 'a misspelt name would show');
  t.match(results[6], { note: /no samples recorded for s2s_connect/ });
  t.match(results[7], { note: /no samples recorded for s2s_connect/ });
  t.match(results[8], { note: /avg does not apply to stanzas_sent, a counter/ });
});

t.test('decoded metrics give the same verdicts as the live registry', async (t) => {
  const spec = { message_e2e: ['p(99) < 500ms', 'rate > 50'], connections_failed: ['count < 5'], live_users: ['max > 10'] };
  const registry = run();
  const decoded = decodeMetrics(JSON.parse(JSON.stringify(encodeRegistry(registry))));
  const { thresholds } = parseThresholds(spec);
  t.same(evaluateThresholds(thresholds, decoded), evaluateThresholds(thresholds, registry));
});
