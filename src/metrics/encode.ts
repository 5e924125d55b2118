import { GauntletError } from '../util/errors.js';
import { DecodedMetrics } from './decoded.js';
import { LatencyHistogram } from './histogram.js';
import { METRICS_FORMAT, type GaugeJson, type HistogramJson, type MetricsJson } from './metrics-json.js';
import type { GaugeReading, MetricsView } from './view.js';

/** The lossless `metrics` section of result.json for a registry (or any other view). */
export function encodeRegistry(view: MetricsView): MetricsJson {
  const series = view.series(); // first: it closes elapsed seconds of a live registry
  const histograms: Record<string, HistogramJson> = {};
  for (const key of view.histogramKeys()) histograms[key] = encodeHistogram(view.latency(key)!);
  const counters: Record<string, number> = {};
  for (const key of view.counterKeys()) counters[key] = view.counterTotal(key)!;
  const gauges: Record<string, GaugeJson> = {};
  for (const key of view.gaugeKeys()) gauges[key] = { ...view.gaugeReading(key)! };
  return {
    format: METRICS_FORMAT,
    startEpochMs: view.startEpochMs,
    durationMs: view.durationMs,
    shards: view.shards,
    histograms,
    counters,
    gauges,
    series,
  };
}

export function encodeHistogram(histogram: LatencyHistogram): HistogramJson {
  return {
    unit: 'us',
    ...histogram.bounds,
    clampedBelow: histogram.clampedBelow,
    clampedAbove: histogram.clampedAbove,
    hdr: histogram.encode(),
  };
}

/** Reads a `metrics` section back; throws GauntletError('config') if it is not one. */
export function decodeMetrics(json: unknown): DecodedMetrics {
  const metrics = checkShape(json);
  const histograms = new Map<string, LatencyHistogram>();
  for (const [key, encoded] of Object.entries(metrics.histograms)) histograms.set(key, decodeHistogram(key, encoded));
  const gauges = new Map<string, GaugeReading>(Object.entries(metrics.gauges).map(([key, gauge]) => [key, { ...gauge }]));
  return new DecodedMetrics({
    startEpochMs: metrics.startEpochMs,
    durationMs: metrics.durationMs,
    shards: metrics.shards,
    histograms,
    counters: new Map(Object.entries(metrics.counters)),
    gauges,
    series: metrics.series,
  });
}

export function decodeHistogram(key: string, encoded: HistogramJson): LatencyHistogram {
  try {
    const { lowestUs, highestUs, significantDigits } = encoded;
    const clamped = { below: encoded.clampedBelow, above: encoded.clampedAbove };
    return LatencyHistogram.decode(encoded.hdr, { lowestUs, highestUs, significantDigits }, clamped);
  } catch (cause) {
    throw notMetrics(`histogram "${key}" does not decode as an HDR histogram`, cause);
  }
}

function checkShape(json: unknown): MetricsJson {
  if (!isObject(json) || json['format'] !== METRICS_FORMAT) {
    throw notMetrics(`expected a metrics section with format "${METRICS_FORMAT}"`);
  }
  for (const field of ['startEpochMs', 'durationMs', 'shards']) {
    if (typeof json[field] !== 'number') throw notMetrics(`"${field}" must be a number`);
  }
  for (const field of ['histograms', 'counters', 'gauges', 'series']) {
    if (!isObject(json[field])) throw notMetrics(`"${field}" must be an object`);
  }
  return json as unknown as MetricsJson;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notMetrics(message: string, cause?: unknown): GauntletError {
  return new GauntletError('config', `not gauntlet metrics: ${message}`, {
    hint: 'pass the "metrics" section of a result.json written by gauntlet',
    cause,
  });
}
