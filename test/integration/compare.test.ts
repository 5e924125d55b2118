import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RESULT_FORMAT, type RunResult } from '../../src/engine/result.js';
import { MetricsRegistry, encodeRegistry } from '../../src/metrics/index.js';

// The CLI on result files made here (real runs are compared in merge.test.ts): exit codes,
// --html, --json and --metric.
const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gauntlet');
const dir = mkdtempSync(join(tmpdir(), 'gauntlet-compare-'));

function resultFile(name: string, e2eScale: number, loginMs: number): string {
  const metrics = new MetricsRegistry({ startEpochMs: 1_800_000_000_000 });
  // 2,000 samples: enough that a 30% slower median is told apart from sampling noise.
  for (let tenth = 1; tenth <= 2000; tenth++) metrics.recordMs('message_e2e', (tenth / 10) * e2eScale);
  metrics.recordMs('login_total', loginMs);
  metrics.increment('connections_opened', undefined, 10);
  const result: RunResult = {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version: '0.1.0' },
    scenario: { name: 'chat' },
    environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1 },
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', via: 'explicit' },
    timings: { startedAt: '2027-01-15T08:00:00.000Z', endedAt: '2027-01-15T08:00:10.000Z', durationMs: 10_000, loadMs: 10_000, phases: [] },
    metrics: encodeRegistry(metrics),
    thresholds: [],
    errors: { total: 0, byKind: {}, sample: [] },
    interrupted: false,
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(result));
  return file;
}

const baseline = resultFile('baseline', 1, 100);
const slower = resultFile('slower', 1.3, 100);

t.test('a 30% slower candidate exits 4 at the default 10% tolerance and writes an HTML page', async (t) => {
  const html = join(dir, 'out', 'compare.html');
  const error = await run(BIN, ['compare', baseline, slower, '--html', html]).catch((e) => e);
  t.equal(error.code, 4);
  t.match(error.stdout, /REGRESSED \(tolerance 10\.0%, ignoring slow-downs under 5\.0ms, percentiles judged on 10\+ samples beyond them\):\n  message_e2e p50 \+30\.\d% \(100ms → 130ms\)/);
  const page = readFileSync(html, 'utf8');
  t.match(page, /<h1>Comparison: <span class="bad">REGRESSED<\/span><\/h1>/);
  t.notMatch(page, /(src|href)=["']?https?:/, 'self-contained');
});

t.test('within --tolerance, or when only unchanged metrics are selected, it exits 0', async (t) => {
  const { stdout } = await run(BIN, ['compare', baseline, slower, '--tolerance', '35%']);
  t.match(stdout, /no regression \(tolerance 35\.0%,/);
  const { stdout: json } = await run(BIN, ['compare', baseline, slower, '--metric', 'login_total', '--json']);
  const comparison = JSON.parse(json);
  t.equal(comparison.verdict, 'ok');
  t.same(comparison.latencies.map((l: { key: string }) => l.key), ['login_total']);
});

t.test('a file that is not a result, or a bad tolerance, exits 2 with a hint', async (t) => {
  const bogus = join(dir, 'bogus.json');
  writeFileSync(bogus, '{"format":"something-else"}');
  const error = await run(BIN, ['compare', baseline, bogus]).catch((e) => e);
  t.equal(error.code, 2);
  t.match(error.stderr, /bogus\.json is not a gauntlet result: its format is "something-else"/);
  const tolerance = await run(BIN, ['compare', baseline, slower, '--tolerance', 'lots']).catch((e) => e);
  t.equal(tolerance.code, 2);
  t.match(tolerance.stderr, /--tolerance lots is not a percentage/);
});
