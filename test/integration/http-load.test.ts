/**
 * `http_load` against lab Prosody and lab ejabberd, addressed as an outside user would: domain,
 * host, port, CA file, host-meta and BOSH URLs and in-band registered accounts on the command
 * line's scenario; the lab only starts the servers. The upload phase asks the service found by
 * service discovery for FILES slots, PUTs FILES bodies of SIZE random bytes and GETs every one
 * back, byte for byte. The results must carry the latencies, counters and rates in result.json
 * and in the HTML report, and survive thresholds and merge.
 */
import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { startLab, type LabServer } from '../../src/lab/index.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { gauntlet } from '../helpers/cli.js';

const FILES = 8;
/** Not a power of two, larger than one TCP read, below the labs' 1 MiB upload limit. */
const SIZE = 200_003;
const HOST_META_REQUESTS = 60;
const BOSH_SESSIONS = 10;

function scenarioFor(lab: LabServer, prefix: string): string {
  const http = lab.http!;
  return `name: http-load-outside
target:
  domain: ${lab.domains[0]}
  host: ${lab.host}
  port: ${lab.ports.c2s}
  ca: ${lab.caFile}
  host_meta: ${http.hostMeta}
accounts: { register: { username: '${prefix}{n}', password: 'pw-{n}-secret', count: 2 } }
http_load:
  - { endpoint: host-meta, connections: 3, pipelining: 2, amount: ${HOST_META_REQUESTS} }
  - { endpoint: bosh-session, url: ${http.bosh}, connections: 2, amount: ${BOSH_SESSIONS} }
  - { endpoint: upload, users: 2, files: ${FILES}, size: ${SIZE}, connections: 3 }
thresholds:
  upload_put: ['count == ${FILES}']
  upload_get: ['count == ${FILES}']
  http_latency{endpoint=host-meta}: ['count == ${HOST_META_REQUESTS}']
options: { timeout: 15s }
`;
}

for (const server of ['prosody', 'ejabberd'] as const) {
  t.test(server, async (t) => {
    const lab = await startLab(server);
    t.teardown(() => lab.stop());
    const dir = mkdtempSync(join(tmpdir(), `gauntlet-http-load-${server}-`));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, scenarioFor(lab, `hl${server.slice(0, 2)}`));

    const run = await gauntlet(['run', file, '--out', join(dir, 'out'), '--quiet']);
    t.equal(run.code, 0, `the run passes\n${run.err}`);
    const result = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8')) as RunResult;
    const metrics = decodeMetrics(result.metrics);

    t.test('result.json: every file put and read back byte for byte, each request measured', async (t) => {
      t.notOk(result.target.lab, "no lab on the run's side");
      t.same(result.errors.byKind, {}, 'no errors');
      t.same(
        result.timings.phases.map((phase) => phase.executor),
        ['http:host-meta', 'http:bosh-session', 'http:upload'],
      );
      t.equal(metrics.latency('upload_put{endpoint=upload}')?.count, FILES, 'one PUT latency per file');
      t.equal(metrics.latency('upload_get{endpoint=upload}')?.count, FILES, 'one GET latency per file');
      t.equal(metrics.counterTotal('http_responses{endpoint=upload,method=GET,status=200}'), FILES, 'every GET answered 200');
      const puts = metrics.counterKeys().filter((key) => key.startsWith('http_responses{endpoint=upload,method=PUT,status=2'));
      t.equal(puts.reduce((sum, key) => sum + (metrics.counterTotal(key) ?? 0), 0), FILES, `every PUT answered 2xx (${puts.join(', ')})`);
      const failures = metrics.counterKeys().filter((key) => key.startsWith('http_failures')).map((key) => `${key} = ${metrics.counterTotal(key)}`);
      t.same(failures, [], 'no failed request of any reason');
      t.ok((metrics.counterTotal('http_bytes_sent{endpoint=upload}') ?? 0) > FILES * SIZE, 'every body went out');
      t.ok((metrics.counterTotal('http_bytes_received{endpoint=upload}') ?? 0) > FILES * SIZE, 'every body came back');
      for (const direction of ['put', 'get']) {
        t.ok((metrics.gaugeReading(`upload_rate{direction=${direction},endpoint=upload}`)?.value ?? 0) > 0, `upload_rate ${direction} recorded`);
      }
      t.equal(metrics.latency('http_latency{endpoint=host-meta}')?.count, HOST_META_REQUESTS, 'one latency per host-meta request');
      t.equal(metrics.counterTotal('http_responses{endpoint=host-meta,method=GET,status=200}'), HOST_META_REQUESTS);
      t.equal(metrics.latency('http_latency{endpoint=bosh-session}')?.count, BOSH_SESSIONS, 'one latency per BOSH session created');
      t.equal(metrics.latency('http_latency{endpoint=bosh-session-terminate}')?.count, BOSH_SESSIONS, 'each session terminated again');
      const verdicts = Object.fromEntries(result.thresholds.map((threshold) => [threshold.metric, threshold]));
      t.match(verdicts['health.upload'], { ok: true, note: `0 of ${FILES} downloads differed from what was uploaded; 0 other upload requests failed` });
      t.match(verdicts['health.http'], { ok: true });
      t.ok(result.thresholds.every((threshold) => threshold.ok), 'the thresholds on the HTTP metrics held');
      t.equal(result.thresholds.length, 5, 'two health verdicts and three scenario thresholds');
    });

    t.test('the HTML report shows the HTTP latencies, counters and upload rates', async (t) => {
      const report = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
      for (const key of ['http_latency{endpoint=host-meta}', 'http_latency{endpoint=bosh-session}', 'upload_put{endpoint=upload}', 'upload_get{endpoint=upload}', 'http_responses{endpoint=upload,method=GET,status=200}', 'upload_rate{direction=get,endpoint=upload}']) {
        t.ok(report.includes(`<td class="mono">${key}</td>`), `${key} in the metrics tables`);
      }
      t.match(report, /upload put MB\/s/, 'an upload throughput card');
    });

    t.test('compare puts the HTTP latencies of two runs side by side', async (t) => {
      const compared = await gauntlet(['compare', join(dir, 'out', 'result.json'), join(dir, 'out', 'result.json')]);
      t.equal(compared.code, 0, 'a run is no regression of itself');
      t.match(compared.out + compared.err, /upload_put\{endpoint=upload\}/);
      t.match(compared.out + compared.err, /http_latency\{endpoint=host-meta\}/);
    });

    t.test('merge adds the HTTP histograms and counters of two runs', async (t) => {
      const merged = await gauntlet(['merge', join(dir, 'out', 'result.json'), join(dir, 'out', 'result.json'), '--out', join(dir, 'merged')]);
      t.equal(merged.code, 4, 'the count thresholds, re-evaluated, no longer hold on twice the files');
      const mergedResult = JSON.parse(readFileSync(join(dir, 'merged', 'result.json'), 'utf8')) as RunResult;
      t.match(mergedResult.thresholds.find((threshold) => threshold.metric === 'upload_get'), { ok: false, observed: 2 * FILES });
      t.match(mergedResult.thresholds.find((threshold) => threshold.metric === 'health.upload'), { ok: true }, 're-judged from the merged metrics');
      const twice = decodeMetrics(mergedResult.metrics);
      t.equal(twice.latency('upload_get{endpoint=upload}')?.count, 2 * FILES);
      t.equal(twice.counterTotal('http_responses{endpoint=host-meta,method=GET,status=200}'), 2 * HOST_META_REQUESTS);
    });
  });
}

t.test('the bundled scenario upload-load passes as shipped (lab Prosody)', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'gauntlet-upload-load-'));
  const run = await gauntlet(['run', join('scenarios', 'upload-load.yaml'), '--out', out, '--quiet']);
  t.equal(run.code, 0, run.err);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as RunResult;
  const metrics = decodeMetrics(result.metrics);
  t.ok(result.thresholds.length >= 7 && result.thresholds.every((threshold) => threshold.ok), 'its thresholds and the health verdicts held');
  t.equal(metrics.latency('upload_get{endpoint=upload}')?.count, 20, 'its 20 files read back');
  t.equal(metrics.latency('http_latency{endpoint=host-meta}')?.count, 400);
});
