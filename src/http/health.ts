/**
 * Run-health verdicts of `http_load`, read from the metrics alone (so merged results judge the
 * same): too many failed requests, and any upload whose download differed from what was put.
 */
import { COUNTERS, keyName, parseMetricKey, type MetricsView, type ThresholdResult } from '../metrics/index.js';

function total(view: MetricsView, name: string, keep: (labels: Record<string, string>) => boolean = () => true): number {
  return view
    .counterKeys()
    .filter((key) => keyName(key) === name && keep(parseMetricKey(key).labels))
    .reduce((sum, key) => sum + (view.counterTotal(key) ?? 0), 0);
}

export function httpHealth(metrics: MetricsView, maxErrorRate: number): ThresholdResult[] {
  const responses = total(metrics, COUNTERS.httpResponses);
  const failures = total(metrics, COUNTERS.httpFailures);
  if (responses + failures === 0) return [];
  // A failure with an answer (bad status, mismatch) is among the responses; one without (timeout, error) is not.
  const unanswered = total(metrics, COUNTERS.httpFailures, (labels) => ['error', 'timeout', 'untrusted'].includes(labels.reason ?? ''));
  const requests = responses + unanswered;
  const observed = failures / requests;
  const results: ThresholdResult[] = [
    {
      metric: 'health.http',
      expression: `failed HTTP requests <= ${(maxErrorRate * 100).toFixed(maxErrorRate < 0.1 ? 1 : 0)}%`,
      observed,
      unit: 'ratio',
      ok: observed <= maxErrorRate,
      note: `${failures} of ${requests} HTTP requests failed (http_failures by reason; options.max_error_rate)`,
    },
  ];
  const uploads = uploadEndpoints(metrics);
  if (uploads.size > 0) {
    const ofUpload = (labels: Record<string, string>) => uploads.has(labels.endpoint ?? '');
    const mismatched = total(metrics, COUNTERS.httpFailures, (labels) => ofUpload(labels) && labels.reason === 'mismatch');
    const failed = total(metrics, COUNTERS.httpFailures, ofUpload);
    const downloads = total(metrics, COUNTERS.httpResponses, (labels) => ofUpload(labels) && labels.method === 'GET');
    results.push({
      metric: 'health.upload',
      expression: 'every file is uploaded and downloads byte for byte',
      observed: failed,
      unit: 'number',
      ok: failed === 0,
      note: `${mismatched} of ${downloads} downloads differed from what was uploaded; ${failed - mismatched} other upload requests failed`,
    });
  }
  return results;
}

/** Endpoint labels of upload phases: those that recorded upload_put or upload_get latencies. */
function uploadEndpoints(metrics: MetricsView): Set<string> {
  const keys = metrics.histogramKeys().filter((key) => ['upload_put', 'upload_get'].includes(keyName(key)));
  return new Set(keys.map((key) => parseMetricKey(key).labels.endpoint ?? ''));
}
