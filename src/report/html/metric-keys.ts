import { COUNTERS, LATENCY, correctedKey, parseMetricKey, type MetricsView } from '../../metrics/index.js';

/** A latency metric and, for rate-driven senders, its coordinated-omission-corrected twin. */
export interface LatencyPair {
  /** The raw key, or the corrected one when only that was recorded. */
  readonly key: string;
  readonly raw?: string;
  readonly corrected?: string;
}

/** What users feel first (end-to-end delivery, login), then the login path step by step. */
const WELL_KNOWN_ORDER: readonly string[] = [...new Set<string>([LATENCY.messageE2e, LATENCY.loginTotal, ...Object.values(LATENCY)])];

function isCorrected(key: string): boolean {
  return parseMetricKey(key).name.endsWith('.corrected');
}

/** Where a metric goes in the report: well-known names in that order, then the rest alphabetically. */
function rank(key: string): number {
  const index = WELL_KNOWN_ORDER.indexOf(parseMetricKey(key).name);
  return index === -1 ? WELL_KNOWN_ORDER.length : index;
}

/** Latency metrics with samples, each raw key paired with its corrected twin. */
export function latencyPairs(metrics: MetricsView): LatencyPair[] {
  const recorded = new Set(metrics.histogramKeys().filter((key) => (metrics.latency(key)?.count ?? 0) > 0));
  const pairs: LatencyPair[] = [];
  for (const key of recorded) {
    if (isCorrected(key)) continue;
    const twin = correctedKey(key);
    pairs.push({ key, raw: key, corrected: recorded.has(twin) ? twin : undefined });
  }
  const paired = new Set(pairs.map((pair) => pair.corrected));
  for (const key of recorded) if (isCorrected(key) && !paired.has(key)) pairs.push({ key, corrected: key });
  return pairs.sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

const ERROR_COUNTER_NAMES: ReadonlySet<string> = new Set([COUNTERS.connectionsFailed, COUNTERS.stanzaErrors, COUNTERS.timeouts, COUNTERS.droppedArrivals]);

/** Counters that count something going wrong (failed iterations included). */
export function isErrorCounter(key: string): boolean {
  const { name, labels } = parseMetricKey(key);
  return ERROR_COUNTER_NAMES.has(name) || (name === 'iterations' && labels['outcome'] === 'failed');
}
