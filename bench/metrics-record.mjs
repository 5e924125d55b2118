// Records/s through the metrics API and encoding cost of a 1M-sample histogram.
// Run after `npm run build`: node bench/metrics-record.mjs
import { LatencyHistogram, MetricsRegistry, decodeMetrics, encodeRegistry } from '../dist/metrics/index.js';

const SAMPLES = 2_000_000;

/** Latency-like values: mostly 0.1–10 ms with a long tail to ~10 s (deterministic). */
function latenciesUs(count) {
  let state = 12345;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    state = (state * 48271) % 2147483647;
    values[i] = 100 * Math.exp((state / 2147483647) ** 2 * 11.5);
  }
  return values;
}

function measure(label, fn, values) {
  fn(values.subarray(0, 200_000)); // warm-up
  const started = performance.now();
  fn(values);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(52)} ${(values.length / seconds / 1e6).toFixed(2).padStart(6)} M records/s`);
}

const values = latenciesUs(SAMPLES);
const registry = new MetricsRegistry();

measure('LatencyHistogram.recordUs (no clock, one histogram)', (vs) => {
  const histogram = LatencyHistogram.create();
  for (let i = 0; i < vs.length; i++) histogram.recordUs(vs[i]);
}, values);

measure('registry.histogram(name) handle .recordUs', (vs) => {
  const handle = registry.histogram('message_e2e');
  for (let i = 0; i < vs.length; i++) handle.recordUs(vs[i]);
}, values);

measure('registry.recordMs(name, ms)', (vs) => {
  for (let i = 0; i < vs.length; i++) registry.recordMs('roster_get', vs[i] / 1000);
}, values);

measure('registry.recordMs(name, ms, { kind })', (vs) => {
  for (let i = 0; i < vs.length; i++) registry.recordMs('iq_rtt', vs[i] / 1000, { kind: 'ping' });
}, values);

measure('correctedLatency handle .recordFromIntended', (vs) => {
  const pair = registry.correctedLatency('presence_e2e');
  for (let i = 0; i < vs.length; i++) pair.recordFromIntended(i * 10, i * 10 + 5, i * 10 + 5 + vs[i]);
}, values);

measure('registry.counter(name) handle .add', (vs) => {
  const counter = registry.counter('stanzas_sent', { kind: 'message' });
  for (let i = 0; i < vs.length; i++) counter.add();
}, values);

const million = new MetricsRegistry();
const handle = million.histogram('message_e2e');
for (let i = 0; i < 1_000_000; i++) handle.recordUs(values[i]);
const histogram = million.latency('message_e2e');
let started = performance.now();
const encoded = histogram.encode();
const encodeMs = performance.now() - started;
started = performance.now();
const decodedHistogram = LatencyHistogram.decode(encoded, histogram.bounds);
const decodeMs = performance.now() - started;
console.log(`1M-sample histogram: ${encoded.length} base64 chars, encode ${encodeMs.toFixed(1)} ms, decode ${decodeMs.toFixed(1)} ms, count back ${decodedHistogram.count}`);

started = performance.now();
const json = JSON.stringify(encodeRegistry(registry));
const registryEncodeMs = performance.now() - started;
started = performance.now();
decodeMetrics(JSON.parse(json));
console.log(`bench registry (${registry.histogramKeys().length} histograms): ${json.length} bytes of JSON, encode ${registryEncodeMs.toFixed(1)} ms, decode ${(performance.now() - started).toFixed(1)} ms`);
