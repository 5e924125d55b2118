/**
 * The fixed `le` bounds (seconds) of every latency histogram we push. Fixed, so the buckets of
 * all shards line up and `histogram_quantile(0.99, sum by (le) (rate(..._bucket[1m])))`
 * aggregates them correctly. From 0.5 ms (a loopback round trip) to 1 min (a step timeout);
 * slower samples are only in `+Inf`. docs/reports.md lists them; result.json keeps the exact
 * HDR histograms.
 */
export const LATENCY_LE_SECONDS: readonly number[] = Object.freeze([
  0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60,
]);

export const LATENCY_LE_US: readonly number[] = Object.freeze(LATENCY_LE_SECONDS.map((seconds) => Math.round(seconds * 1_000_000)));

/** How a bound is written in the `le` label: `0.005`, `1`, `+Inf`. */
export function leLabel(seconds: number): string {
  return Number.isFinite(seconds) ? String(seconds) : '+Inf';
}
