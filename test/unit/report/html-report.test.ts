import t from 'tap';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { runVerdict } from '../../../src/report/html/verdict.js';
import { sampleCheck, sampleResult } from './html-fixture.js';

/** The JSON the charts script reads, parsed back out of the page. */
function chartsJson(page: string): { distribution: { charts: { id: string }[] }; timeline: { charts: { id: string }[] } } {
  const match = /<script type="application\/json" id="charts-data">([^<]*)<\/script>/.exec(page);
  return JSON.parse(match![1]!);
}

t.test('a run renders as one self-contained page with every section', async (t) => {
  const page = renderHtmlReport(sampleResult());
  t.match(page, /^<!doctype html>/);
  t.match(page, /<title>chat — FAILED — gauntlet report<\/title>/);
  for (const id of ['summary', 'distribution', 'timeline', 'metrics', 'errors', 'thresholds']) t.match(page, new RegExp(`<section id="${id}">`));
  t.notMatch(page, /<section id="checks">/, 'no checks table without checks');
  t.notMatch(page, /(src|href)\s*=\s*["']?\s*(https?:)?\/\//i, 'no src or href leaves the file');
  t.notMatch(page, /<(link|img|iframe|object|embed)\b/i, 'nothing is loaded from elsewhere');
  t.match(page, /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+';/);
  t.match(page, /var uPlot=/, 'uPlot is inlined');
  t.match(page, /a\.example — 127\.0\.0\.1:5222, starttls \(lab\)/);
  t.match(page, /lab prosody 0\.12\.3, variant baseline/);
  t.match(page, /2023-11-14 22:13:20 UTC/);
  t.match(page, /<div class="verdict fail" id="verdict">FAILED<small>login_total: max &lt; 10ms crossed · 3 errors<\/small>/, 'the verdict names what failed');
  t.ok(page.indexOf('<section id="thresholds">') < page.indexOf('<section id="summary">'), 'thresholds come first');
  t.ok(page.indexOf('<section id="errors">') < page.indexOf('<section id="distribution">'), 'errors before the detail');
  t.match(page, /<td class="mono">max &lt; 10ms<\/td><td class="num">82\.0ms<\/td><td class="fail">FAIL<\/td>/);
  t.match(page, /<td class="mono">stanza_errors\{condition=service-unavailable\}<\/td><td class="num">3<\/td>/, 'errors by condition');
  t.match(page, /<td class="mono">message_e2e\.corrected<\/td><td class="num">300<\/td>/, 'every metric is in the table');
});

t.test('errors are grouped, most frequent first; a target that went away leads the verdict', async (t) => {
  const groups = [
    { kind: 'timeout', step: 'expect', condition: 'timeout', count: 23, message: 'no reply in 10s', firstAtMs: 900 },
    { kind: 'stanza-error', step: 'message', condition: 'service-unavailable', count: 2, message: 'service-unavailable', firstAtMs: 100 },
  ];
  const page = renderHtmlReport(
    sampleResult({
      errors: { total: 25, byKind: { timeout: 23, 'stanza-error': 2 }, sample: [], groups },
      stoppedEarly: 'target went away: 5 logins in a row failed',
      thresholds: [{ metric: 'health.target', expression: 'the target keeps answering', observed: null, unit: 'number', ok: false }],
    }),
  );
  t.match(page, /<h3>Grouped, most frequent first<\/h3>.*<td class="num">23<\/td><td>timeout<\/td>.*<td class="num">2<\/td><td>stanza-error<\/td>/s);
  t.match(page, /FAILED<small>target went away: 5 logins in a row failed · 25 errors<\/small>/);
});

t.test('the charts script finds a box for every chart it is told to draw', async (t) => {
  const page = renderHtmlReport(sampleResult());
  const data = chartsJson(page);
  const ids = [...data.distribution.charts, ...data.timeline.charts].map((chart) => chart.id);
  t.ok(ids.length >= 5, `${ids.length} charts`);
  for (const id of ids) t.match(page, new RegExp(`<div class="chart-area" id="${id}"></div>`));
});

t.test('conformance checks: grouped, with spec sections, verdicts and the wire log', async (t) => {
  const checks = [
    sampleCheck(),
    sampleCheck({ id: 'rfc6120.stream.bad-namespace', verdict: 'fail', reason: 'the stream stayed open', wire: [] }),
  ];
  const page = renderHtmlReport(sampleResult({ checks, thresholds: [] }));
  t.match(page, /<section id="checks">/);
  t.match(page, /<a href="#checks">Conformance checks<\/a>/);
  t.match(page, /2 checks: 1 fail, 1 pass\./);
  t.match(page, /RFC 6120 §4\.9\.3\.6<div class="muted">from RFC 3920 §4\.7\.3<\/div>/);
  t.match(page, /<td class="fail"><strong>fail<\/strong><\/td>\s*<td>the stream stayed open<\/td>/);
  t.match(page, /<details><summary>wire log \(3 entries\)<\/summary><pre class="wire">/);
  t.match(page, /<span class="in">\s+9 ms ← raw#1  &lt;stream:error&gt;&lt;host-unknown\/&gt;&lt;\/stream:error&gt;<\/span>/);
  t.ok(page.indexOf('id="check-rfc6120.stream.bad-namespace"') < page.indexOf('id="check-rfc6120.stream.host-unknown"'), 'failures first');
  t.match(page, /<div class="verdict fail" id="verdict">FAILED<small>1 conformance check failed/);
});

t.test('a run with checks enabled but none run says so', async (t) => {
  t.match(renderHtmlReport(sampleResult({ checks: [] })), /<section id="checks"><h2>Conformance checks<\/h2><p class="muted">No check ran\.<\/p><\/section>/);
});

t.test('verdict: same rules as the exit codes', async (t) => {
  const clean = sampleResult({ thresholds: [], errors: { total: 0, byKind: {}, sample: [] } });
  t.same(runVerdict(clean), { status: 'pass', headline: 'PASSED', reasons: [] });
  t.same(runVerdict({ ...clean, checks: [sampleCheck({ verdict: 'warn' })] }), { status: 'pass', headline: 'PASSED', reasons: ['1 SHOULD check not met'] });
  t.same(runVerdict({ ...clean, interrupted: true }), { status: 'warn', headline: 'INTERRUPTED', reasons: ['partial results'] });
  t.equal(runVerdict(sampleResult()).headline, 'FAILED');
});

t.test('an interrupted run says so at the top; a run with no samples still renders', async (t) => {
  const page = renderHtmlReport(sampleResult({ interrupted: true }));
  t.match(page, /<div class="banner">The run was interrupted/);
  const empty = sampleResult();
  const metrics = { ...empty.metrics, histograms: {}, counters: {}, gauges: {}, series: { originEpochSecond: 0, seconds: 0, counters: {}, gauges: {}, histograms: {} } };
  const bare = renderHtmlReport({ ...empty, metrics, errors: { total: 0, byKind: {}, sample: [] } });
  t.match(bare, /No latency was recorded\./);
  t.match(bare, /The run recorded no complete second\./);
  t.match(bare, /No errors\./);
});

t.test('thresholds: observed values in their unit, when they first failed, whether they stopped the run', async (t) => {
  const page = renderHtmlReport(
    sampleResult({
      thresholds: [
        { metric: 'message_e2e', expression: 'p(99) < 1ms', observed: 297, unit: 'ms', ok: false, firstFailedAtMs: 12_000, abortedRun: true },
        { metric: 'stanza_errors', expression: 'rate < 1%', observed: 0.025, unit: 'ratio', ok: false },
        { metric: 'connections_failed', expression: 'count == 0', observed: null, unit: 'number', ok: true, note: 'nothing recorded' },
      ],
    }),
  );
  t.match(page, /<td class="num">297ms<\/td><td class="fail">FAIL<\/td><td class="muted">first failed 12\.00s into the load; stopped the run<\/td>/);
  t.match(page, /<td class="num">2\.5%<\/td><td class="fail">FAIL<\/td>/);
  t.match(page, /<td class="num">n\/a<\/td><td class="pass">pass<\/td><td class="muted">nothing recorded<\/td>/);
});
