import t from 'tap';
import { encodeRegistry, MetricsRegistry } from '../../../src/metrics/index.js';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { sampleResult } from './html-fixture.js';

function withHttp(failures: number) {
  const metrics = new MetricsRegistry({ startEpochMs: 1_700_000_000_000 });
  metrics.increment('http_responses', { endpoint: 'host-meta', method: 'GET', status: 200 }, 3000);
  if (failures > 0) metrics.increment('http_failures', { endpoint: 'host-meta', reason: 'status' }, failures);
  metrics.gauge('upload_rate', { endpoint: 'upload', direction: 'put' }).set(12_345_678);
  metrics.gauge('upload_rate', { endpoint: 'upload', direction: 'get' }).set(2_500_000);
  return renderHtmlReport(sampleResult({ metrics: encodeRegistry(metrics) }));
}

const card = (value: string, label: string, tone = '') => `<div class="card"><div class="value ${tone}">${value}</div><div class="label">${label}</div></div>`;

t.test('HTTP load gets summary cards: responses per second of load, failures, upload MB/s each way', async (t) => {
  const page = withHttp(0);
  t.match(page, card('1000.0', 'HTTP responses / s'), '3000 responses over 3 s of load');
  t.match(page, card('0', 'HTTP failures', 'pass'));
  t.match(page, card('12.35', 'upload put MB/s'));
  t.match(page, card('2.50', 'upload get MB/s'));
  t.match(withHttp(7), card('7', 'HTTP failures', 'fail'));
});

t.test('a run without HTTP load has no HTTP cards', async (t) => {
  t.notMatch(renderHtmlReport(sampleResult()), /HTTP responses/);
});
