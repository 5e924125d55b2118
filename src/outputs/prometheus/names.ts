/**
 * How our metric keys become Prometheus series names (docs/reports.md, "Live metrics in
 * Prometheus"): a `gauntlet_` prefix, latencies in seconds, counters ending in `_total`.
 */
export const PREFIX = 'gauntlet_';

/** `message_e2e.corrected` → `message_e2e_corrected`: Prometheus names allow [a-zA-Z0-9_:]. */
function promSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_:]/g, '_');
}

/** `message_e2e` → `gauntlet_message_e2e_seconds` (then `_bucket`, `_sum`, `_count`). */
export function histogramName(name: string): string {
  return `${PREFIX}${promSafe(name)}_seconds`;
}

/** `stanzas_sent` → `gauntlet_stanzas_sent_total`. */
export function counterName(name: string): string {
  return `${PREFIX}${promSafe(name)}_total`;
}

/** `live_users` → `gauntlet_live_users`. */
export function gaugeName(name: string): string {
  return `${PREFIX}${promSafe(name)}`;
}
