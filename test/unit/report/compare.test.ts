import t from 'tap';
import { parseTolerance } from '../../../src/cli/commands/compare.js';
import { RESULT_FORMAT, type RunResult } from '../../../src/engine/result.js';
import { MetricsRegistry, encodeRegistry } from '../../../src/metrics/index.js';
import { compareResults } from '../../../src/report/compare/compare.js';
import { renderComparisonHtml } from '../../../src/report/compare/html.js';
import { renderComparisonText } from '../../../src/report/compare/text.js';

/** A run whose message_e2e holds 1..100 ms scaled by `slower`, plus a counter. */
function run(slower: number, extra: (metrics: MetricsRegistry) => void = () => {}, name = 'chat'): RunResult {
  const metrics = new MetricsRegistry({ startEpochMs: 1_700_000_000_000 });
  for (let ms = 1; ms <= 100; ms++) metrics.recordMs('message_e2e', ms * slower);
  metrics.recordMs('login_total', 80);
  metrics.increment('stanzas_sent', { kind: 'message' }, 100);
  extra(metrics);
  return {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version: '0.1.0' },
    scenario: { name },
    environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1 },
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', via: 'explicit' },
    timings: { startedAt: '2026-11-27T03:00:00.000Z', endedAt: '2026-11-27T03:00:12.000Z', durationMs: 12_000, loadMs: 10_000, phases: [] },
    metrics: encodeRegistry(metrics),
    thresholds: [],
    errors: { total: 0, byKind: {}, sample: [] },
    interrupted: false,
  };
}

const OPTIONS = { tolerance: 0.1, minDeltaMs: 0, minSamples: 1, metrics: [] };
const named = (file: string, result: RunResult) => ({ file, result });

t.test('B 50% slower regresses every judged percentile of that metric, not the others', async (t) => {
  const comparison = compareResults(named('a.json', run(1)), named('b.json', run(1.5)), OPTIONS);
  t.equal(comparison.verdict, 'regressed');
  const e2e = comparison.latencies.find((l) => l.key === 'message_e2e')!;
  t.same(e2e.stats.filter((s) => s.regressed).map((s) => s.stat), ['p50', 'p90', 'p99'], 'max is shown, never judged');
  t.same(e2e.stats.filter((s) => !s.enoughData).map((s) => s.stat), ['p99.9', 'max'], 'p99.9 of 100 samples rests on less than one');
  const p50 = e2e.stats[0]!;
  t.equal(p50.aMs, 50.015, 'values read from the HDR histogram (bucket tops)');
  t.ok(Math.abs(p50.relative! - 0.5) < 0.01, `p50 +50% (${p50.relative})`);
  t.notOk(comparison.latencies.find((l) => l.key === 'login_total')!.regressed);
  t.match(comparison.regressions[0], /^message_e2e p50 \+50\.\d% \(50\.0ms → 75\.0ms\)$/);
  t.same(comparison.counters, [{ key: 'stanzas_sent{kind=message}', a: 100, b: 100, delta: 0, relative: 0, aPerSecond: 10, bPerSecond: 10 }]);
});

t.test('within the tolerance, or below the minimum delta, is no regression; faster never is', async (t) => {
  t.equal(compareResults(named('a', run(1)), named('b', run(1.5)), { ...OPTIONS, tolerance: 0.6 }).verdict, 'ok');
  t.equal(compareResults(named('a', run(1)), named('b', run(1.05)), OPTIONS).verdict, 'ok');
  t.equal(compareResults(named('a', run(1)), named('b', run(1.5)), { ...OPTIONS, minDeltaMs: 100 }).verdict, 'ok', 'p99.9 grows by 50ms only');
  t.equal(compareResults(named('a', run(2)), named('b', run(1)), { ...OPTIONS, tolerance: 0 }).verdict, 'ok');
});

t.test('metrics in one run only are listed, not judged; --metric selects by name and labels', async (t) => {
  const b = run(1, (m) => {
    m.recordMs('iq_rtt', 5, { kind: 'ping' });
    m.recordMs('iq_rtt', 9, { kind: 'raw' });
  });
  const all = compareResults(named('a', run(1)), named('b', b), OPTIONS);
  t.same(all.latencies.filter((l) => l.presence !== 'both').map((l) => [l.key, l.presence]), [['iq_rtt{kind=ping}', 'only-b'], ['iq_rtt{kind=raw}', 'only-b']]);
  t.equal(all.verdict, 'ok', 'a metric new in B is no regression');
  const selected = compareResults(named('a', run(1)), named('b', b), { ...OPTIONS, metrics: ['iq_rtt{kind=ping}', 'nothing_here'] });
  t.same(selected.latencies.map((l) => l.key), ['iq_rtt{kind=ping}']);
  t.same(selected.counters, []);
  t.same(selected.warnings, ['--metric nothing_here matches nothing in either run']);
});

t.test('text and HTML renderings: verdict, warnings, escaped run-provided text', async (t) => {
  const comparison = compareResults(named('a.json', run(1)), named('b.json', run(1.5, undefined, '<script>alert(1)</script>')), OPTIONS);
  const text = renderComparisonText(comparison);
  t.match(text, /warning: different scenarios: "chat" and "<script>alert\(1\)<\/script>"/);
  t.match(text, /message_e2e \(100 → 100\) +p50 +50\.0ms +75\.0ms +\+25\.0ms +\+50\.\d% +REGRESSED/);
  t.match(text, /REGRESSED \(tolerance 10\.0%, percentiles judged on 1\+ samples beyond them\):\n  message_e2e p50/);
  const page = renderComparisonHtml(comparison);
  t.notMatch(page, /<script/, 'no script element, and the scenario name is escaped');
  t.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  t.notMatch(page, /(src|href)="?https?:/, 'nothing loaded from the network');
  t.match(page, /prefers-color-scheme: dark/);
  t.match(renderComparisonText(compareResults(named('a', run(1)), named('b', run(1)), OPTIONS)), /no regression \(tolerance 10\.0%, percentiles judged on 1\+ samples beyond them\)\n$/);
});

t.test('tolerance is a percentage or a fraction', async (t) => {
  t.equal(parseTolerance('10%'), 0.1);
  t.equal(parseTolerance('0.05'), 0.05);
  t.equal(parseTolerance(' 2.5 % '), 0.025);
  t.throws(() => parseTolerance('ten'), { code: 'usage' });
});

t.test('CI-safe: too few samples beyond a percentile is "not enough data", never a regression', async (t) => {
  const few = (scale: number) => run(1, (m) => Array.from({ length: 20 }, (_, i) => m.recordMs('tcp_connect', (4 + i / 10) * scale)));
  const comparison = compareResults(named('a', few(1)), named('b', few(1.4)), { ...OPTIONS, minSamples: 10, metrics: ['tcp_connect'] });
  const tcp = comparison.latencies[0]!;
  t.same(tcp.stats.map((s) => [s.stat, s.enoughData]), [['p50', true], ['p90', false], ['p99', false], ['p99.9', false], ['max', false]]);
  t.same(tcp.stats.filter((s) => s.regressed).map((s) => s.stat), ['p50'], 'p50 of 20 samples is judged');
  t.equal(compareResults(named('a', few(1)), named('b', few(1.4)), { ...OPTIONS, minSamples: 11, minDeltaMs: 0 }).verdict, 'ok');
  t.equal(compareResults(named('a', few(1)), named('b', few(1.4)), { ...OPTIONS, minSamples: 10, minDeltaMs: 2 }).verdict, 'ok', '+1.8 ms is under the minimum delta');
  t.match(renderComparisonText(comparison), /tcp_connect \(20 → 20\) +p50 .*REGRESSED\n +p90 .*not enough data/);
});

t.test('a latency that vanished, or a counter of work that fell to zero, is a regression', async (t) => {
  const delivered = run(1, (m) => m.increment('iterations', { outcome: 'completed' }, 5));
  const nothing = run(1, (m) => m.increment('iterations', { outcome: 'failed' }, 5));
  const silent = { ...nothing, metrics: encodeRegistry(new MetricsRegistry({ startEpochMs: 1_700_000_000_000 })) };
  const comparison = compareResults(named('a', delivered), named('b', silent), { ...OPTIONS, minSamples: 10 });
  t.equal(comparison.verdict, 'regressed');
  t.same(comparison.regressions, [
    'message_e2e vanished (100 samples in A, none in B)',
    'iterations{outcome=completed} dropped to zero (5 in A)',
    'stanzas_sent{kind=message} dropped to zero (100 in A)',
  ]);
  t.notOk(comparison.regressions.some((r) => r.startsWith('login_total')), 'one login sample vanishing may be chance');
  const chance = (m: MetricsRegistry) => (m.increment('timeouts', {}, 3), m.increment('recipient_waits', {}, 1), m.increment('stanzas_received', { kind: 'presence' }, 2));
  const fewerErrors = compareResults(named('a', run(1, chance)), named('b', run(1)), OPTIONS);
  t.equal(fewerErrors.verdict, 'ok', 'timeouts, waits or presences falling to zero are no regression');
});

t.test('a percentile difference within sampling noise is no regression; the same shift on many samples is', async (t) => {
  const uniform = (count: number, scale: number) =>
    run(1, (m) => Array.from({ length: count }, (_, i) => m.recordMs('roster_get', ((i + 1) * 60 * scale) / count)));
  const options = { ...OPTIONS, minSamples: 10, metrics: ['roster_get'] };
  const few = compareResults(named('a', uniform(60, 1)), named('b', uniform(60, 1.15)), options);
  t.equal(few.latencies[0]!.stats[0]!.enoughData, true, 'p50 of 60 samples is judged');
  t.equal(few.verdict, 'ok', '+15% at p50 on 60 samples is within what the samples can tell');
  const many = compareResults(named('a', uniform(6000, 1)), named('b', uniform(6000, 1.15)), options);
  t.equal(many.verdict, 'regressed');
  t.match(many.regressions[0], /^roster_get p50 \+15\.\d%/);
});
