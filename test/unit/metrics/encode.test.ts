import t from 'tap';
import { ManualClock } from '../../../src/metrics/clock.js';
import { decodeMetrics, encodeRegistry } from '../../../src/metrics/encode.js';
import { MetricsRegistry } from '../../../src/metrics/registry.js';

function recordedRegistry(): MetricsRegistry {
  const clock = new ManualClock();
  const registry = new MetricsRegistry({ clock, startEpochMs: 1_700_000_000_250 });
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 5000; i++) {
    clock.set(i * 2);
    registry.recordUs('message_e2e', Math.round(200 + random() * 50_000));
    registry.recordMs('iq_rtt', random() * 30, { kind: i % 3 ? 'ping' : 'disco' });
    registry.increment('stanzas_sent', { kind: 'message' });
    if (i % 250 === 0) registry.increment('stanza_errors', { condition: 'service-unavailable' });
    registry.gauge('live_users').set(i % 97);
  }
  registry.histogram('tcp_connect').recordUs(-1); // a clamped sample survives the trip
  return registry;
}

t.test('encode → JSON text → decode → encode is the identity', async (t) => {
  const registry = recordedRegistry();
  const json = encodeRegistry(registry);
  const decoded = decodeMetrics(JSON.parse(JSON.stringify(json)));
  t.same(encodeRegistry(decoded), json);
});

t.test('decoded metrics answer the same queries as the registry', async (t) => {
  const registry = recordedRegistry();
  const decoded = decodeMetrics(JSON.parse(JSON.stringify(encodeRegistry(registry))));
  t.same(decoded.histogramKeys(), registry.histogramKeys());
  for (const key of registry.histogramKeys()) t.same(decoded.summary(key), registry.summary(key), key);
  t.same(decoded.counterKeys(), ['stanza_errors{condition=service-unavailable}', 'stanzas_sent{kind=message}']);
  t.equal(decoded.counterTotal('stanzas_sent{kind=message}'), 5000);
  t.same(decoded.gaugeReading('live_users'), registry.gaugeReading('live_users'));
  t.equal(decoded.latency('tcp_connect')!.clampedBelow, 1);
  t.equal(decoded.durationMs, 9998);
  t.equal(decoded.series().seconds, 11);
});

t.test('the JSON has the documented shape', async (t) => {
  const json = encodeRegistry(recordedRegistry());
  t.equal(json.format, 'gauntlet-metrics/1');
  t.equal(json.shards, 1);
  t.equal(json.startEpochMs, 1_700_000_000_250);
  t.match(json.histograms['message_e2e'], {
    unit: 'us',
    lowestUs: 1,
    highestUs: 600_000_000,
    significantDigits: 3,
    clampedBelow: 0,
    clampedAbove: 0,
    hdr: /^[A-Za-z0-9+/]+=*$/,
  });
  t.same(json.gauges['live_users'], { value: 4999 % 97, max: 96 });
  t.equal(json.series.originEpochSecond, 1_700_000_000);
});

t.test('what is not a metrics section is refused with a hint', async (t) => {
  const good = encodeRegistry(recordedRegistry());
  t.throws(() => decodeMetrics(null), { code: 'config', hint: /result\.json/ });
  t.throws(() => decodeMetrics({ ...good, format: 'other/1' }), { code: 'config' });
  t.throws(() => decodeMetrics({ ...good, durationMs: '10' }), { code: 'config', message: /durationMs/ });
  const corrupt = { ...good, histograms: { x: { ...good.histograms['message_e2e']!, hdr: 'AAAA' } } };
  t.throws(() => decodeMetrics(corrupt), { code: 'config', message: /histogram "x"/ });
});
