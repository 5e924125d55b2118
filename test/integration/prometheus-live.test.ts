import t, { type Test } from 'tap';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { startLab, type LabServer } from '../../src/lab/index.js';
import { decodeMetrics, keyName, parseMetricKey, type DecodedMetrics } from '../../src/metrics/index.js';
import { LATENCY_LE_SECONDS } from '../../src/outputs/prometheus/buckets.js';
import { GAUNTLET_BIN, type CliRun } from '../helpers/cli.js';
import { prometheusMissing, startPrometheus, type RunningPrometheus } from '../helpers/prometheus.js';

const DASHBOARD = join(import.meta.dirname, '..', '..', 'deploy', 'grafana', 'gauntlet.json');

/**
 * `gauntlet run --metrics prometheus=URL` against a real Prometheus 2.42 (remote-write receiver
 * on loopback) and a lab Prosody addressed like an outside server: what Prometheus answers
 * equals what result.json holds.
 */
t.setTimeout(120_000);

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(GAUNTLET_BIN, args, { timeout: 90_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 70) : 0, out, err }));
  });
}

/** 4 registered users chat for 1.5 s in each phase, on a server given like an outside one. */
function scenarioText(server: LabServer, phases: string[]): string {
  return `name: live-metrics
target: { domain: ${server.domains[0]}, host: ${server.host}, port: ${server.ports.c2s}, ca: ${server.caFile} }
accounts: { register: { username: 'live{n}', password: 'pw-{n}-secret', count: 4 } }
load:
  phases:
${phases.map((name) => `    - { name: ${name}, executor: constant-users, users: 4, iterations: 1 }`).join('\n')}
flow:
  - login
  - presence
  - wait: online
  - loop:
      duration: 1500ms
      rate: 5
      steps:
        - message: { to: random-online, size: 50 }
  - wait: done
  - disconnect
`;
}

/** `stanzas_sent{kind=message}` with run R → `{run="R",kind="message"}`. */
function selector(key: string, run: string): string {
  const labels = { ...parseMetricKey(key).labels, run };
  return `{${Object.entries(labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(',')}}`;
}

/** Every counter and histogram count of result.json equals the sum of the run's series in Prometheus. */
async function sameTotals(t: Test, prometheus: RunningPrometheus, metrics: DecodedMetrics, run: string): Promise<void> {
  t.ok(metrics.counterKeys().length >= 5, `counters: ${metrics.counterKeys().join(' ')}`);
  for (const key of metrics.counterKeys()) {
    const [sum] = await prometheus.query(`sum(gauntlet_${keyName(key)}_total${selector(key, run)})`);
    t.equal(sum?.value, metrics.counterTotal(key), `counter ${key}: Prometheus's sum over phases equals result.json`);
  }
  t.ok(metrics.histogramKeys().includes('message_e2e'), 'messages were measured');
  for (const key of metrics.histogramKeys()) {
    const name = `gauntlet_${keyName(key).replace('.', '_')}_seconds`;
    const [count] = await prometheus.query(`sum(${name}_count${selector(key, run)})`);
    t.equal(count?.value, metrics.latency(key)?.count, `histogram ${key}: _count equals result.json's count`);
    const [inf] = await prometheus.query(`sum(${name}_bucket${selector(key, run).replace('}', ',le="+Inf"}')})`);
    t.equal(inf?.value, metrics.latency(key)?.count, `histogram ${key}: the +Inf bucket too`);
  }
}

t.test('live metrics in Prometheus add up to result.json, per phase and in all', { skip: prometheusMissing() }, async (t) => {
  const [prometheus, prosody] = await Promise.all([startPrometheus(), startLab('prosody')]);
  t.teardown(() => Promise.all([prometheus.stop(), prosody.stop()]));
  const dir = t.testdir();
  const scenario = join(dir, 'live.yaml');
  await writeFile(scenario, scenarioText(prosody, ['first', 'second']));
  const out = join(dir, 'out');
  let started = Date.now();
  const run = await cli(['run', scenario, '--out', out, '--quiet', '--run-id', 'live-test', '--metrics', `prometheus=${prometheus.writeUrl}`]);
  t.equal(run.code, 0, run.err);
  t.comment(`one process: ${Date.now() - started} ms`);
  t.notMatch(run.err, /warning/, 'no push failed');
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as RunResult;
  const metrics = decodeMetrics(result.metrics);

  const phases = await prometheus.query('count by (phase) (gauntlet_login_total_seconds_count{run="live-test"})');
  t.same(phases.map((r) => r.metric.phase).sort(), ['first', 'second'], 'logins are counted in the phase they happened in');
  const scenarioLabel = await prometheus.query('count by (scenario) (gauntlet_iterations_total{run="live-test"})');
  t.same(scenarioLabel.map((r) => r.metric.scenario), ['live-metrics'], 'series carry the scenario name');

  await sameTotals(t, prometheus, metrics, 'live-test');

  // The p99 Prometheus interpolates lies in the bucket that holds the HDR p99.
  const hdrP99s = (metrics.latency('message_e2e')?.valueAtPercentileUs(99) ?? 0) / 1e6;
  const [quantile] = await prometheus.query('histogram_quantile(0.99, sum by (le) (gauntlet_message_e2e_seconds_bucket{run="live-test"}))');
  const upper = LATENCY_LE_SECONDS.find((le) => le >= hdrP99s) ?? Infinity;
  const lower = [...LATENCY_LE_SECONDS].reverse().find((le) => le < hdrP99s) ?? 0;
  t.ok(quantile!.value > lower && quantile!.value <= upper, `histogram_quantile p99 ${quantile!.value}s within (${lower}, ${upper}] around the HDR p99 ${hdrP99s}s`);

  // The Grafana dashboard's queries run on this Prometheus and find the run.
  const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
  for (const panel of dashboard.panels) {
    for (const { expr } of panel.targets) {
      const promql = expr.replaceAll('$run', 'live-test').replaceAll('$phase', '.*').replaceAll('$segment', '.*').replaceAll('$__rate_interval', '1m');
      const answer = await prometheus.query(promql);
      if (/message_e2e|live_users|stanzas_sent|iterations/.test(expr)) t.ok(answer.length > 0, `${panel.title}: ${promql} has data`);
    }
  }

  // Two workers, each a segment pushing its share (2 users each: random-online picks within a process): the segments' series add up to the merged result.
  const sharded = join(dir, 'sharded');
  const onePhase = join(dir, 'one-phase.yaml');
  await writeFile(onePhase, scenarioText(prosody, ['only']));
  started = Date.now();
  const workers = await cli(['run', onePhase, '--out', sharded, '--quiet', '--workers', '2', '--run-id', 'live-workers', '--metrics', `prometheus=${prometheus.writeUrl}`]);
  t.equal(workers.code, 0, `${workers.err}${workers.out}`);
  t.comment(`two workers: ${Date.now() - started} ms`);
  const merged = decodeMetrics((JSON.parse(await readFile(join(sharded, 'result.json'), 'utf8')) as RunResult).metrics);
  const segments = await prometheus.query('count by (segment) (gauntlet_login_total_seconds_count{run="live-workers"})');
  t.same(segments.map((r) => r.metric.segment).sort(), ['1/2', '2/2'], 'each worker pushes with its segment label');
  await sameTotals(t, prometheus, merged, 'live-workers');

  const all = await prometheus.query('{run=~"live-test|live-workers"}');
  t.notMatch(JSON.stringify(all), /pw-\d-secret/, 'no password in any series');
});
