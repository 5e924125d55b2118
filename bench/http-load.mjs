// http_load against a lab server addressed as an outside user (domain, host, CA, registered
// accounts): host-meta requests/s (unpipelined and pipelined) for a few seconds, then XEP-0363
// upload MB/s both ways (PUT, then GET and verify every byte). Lab server in its own OS process.
// Usage: npm run build && node bench/http-load.mjs [prosody|ejabberd] [seconds] [files] [bytes]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../dist/engine/run.js';
import { startLab } from '../dist/lab/index.js';
import { decodeMetrics, summary } from '../dist/metrics/index.js';
import { loadScenarioFile } from '../dist/scenario/index.js';

const kind = process.argv[2] ?? 'prosody';
const seconds = Number(process.argv[3] ?? 5);
const files = Number(process.argv[4] ?? 40);
const size = Number(process.argv[5] ?? 1_000_000);
const lab = await startLab(kind);
const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-http-'));
const file = join(dir, 'scenario.yaml');
writeFileSync(
  file,
  `name: bench-http-load
target: { domain: ${lab.domains[0]}, host: ${lab.host}, port: ${lab.ports.c2s}, ca: ${lab.caFile}, host_meta: ${lab.http.hostMeta} }
accounts: { register: { username: 'bench{n}', password: 'pw-{n}-bench', count: 4 } }
http_load:
  - { endpoint: host-meta, name: host-meta-p1, connections: 8, duration: ${seconds}s }
  - { endpoint: host-meta, name: host-meta-p8, connections: 8, pipelining: 8, duration: ${seconds}s }
  - { endpoint: upload, users: 4, files: ${files}, size: ${size}, connections: 4 }
options: { timeout: 30s }
`,
);
try {
  const started = performance.now();
  const { result } = await runScenario(await loadScenarioFile(file, { env: {} }), { version: 'bench', out: join(dir, 'out') });
  const metrics = decodeMetrics(result.metrics);
  const phase = (name) => result.timings.phases.find((p) => p.name === name);
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(`${lab.kind} ${lab.version}: ${result.thresholds.every((t) => t.ok) ? 'all verdicts held' : 'A VERDICT FAILED'}, run ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const name of ['host-meta-p1', 'host-meta-p8']) {
    const s = summary(metrics, `http_latency{endpoint=${name}}`);
    console.log(`${name}: ${(s.count / (phase(name).durationMs / 1000)).toFixed(0)} requests/s (${s.count} in ${(phase(name).durationMs / 1000).toFixed(1)} s), p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)}`);
  }
  for (const direction of ['put', 'get']) {
    const rate = metrics.gaugeReading(`upload_rate{direction=${direction},endpoint=upload}`)?.value ?? 0;
    const s = summary(metrics, `upload_${direction}{endpoint=upload}`);
    console.log(`upload ${direction}: ${(rate / 1e6).toFixed(1)} MB/s (${files} files of ${size} bytes, 4 connections), p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)}`);
  }
  console.log(`failed requests: ${metrics.counterKeys().filter((k) => k.startsWith('http_failures')).reduce((n, k) => n + metrics.counterTotal(k), 0)}`);
} finally {
  await lab.stop();
}
