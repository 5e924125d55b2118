import { formatDuration } from '../../util/duration.js';
import { html, inlineAsset, type SafeHtml } from '../html/escape.js';
import { documentHead } from '../html/document.js';
import { percent } from './compare.js';
import { statNote } from './text.js';
import type { Comparison, LatencyComparison } from './types.js';
import type { ExpectationsDiff } from '../../checks/expectations.js';

/** Plain tables, system colours; no script at all, so the policy forbids every load and script. */
const CSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d2430; --muted: #5b6576; --line: #d9dee6; --bad: #cf222e; --good: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f141a; --fg: #e3e8ef; --muted: #9aa5b4; --line: #2d3743; --bad: #ff7b72; --good: #3fb950; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 28px; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; }
th { color: var(--muted); font-weight: 600; }
.muted { color: var(--muted); } .bad { color: var(--bad); font-weight: 650; } .good { color: var(--good); font-weight: 650; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; } dd { margin: 0; }
`;

/** `gauntlet compare --html`: one self-contained page; every run-provided text is escaped. */
export function renderComparisonHtml(comparison: Comparison): string {
  const { a, b, options } = comparison;
  const regressed = comparison.verdict === 'regressed';
  const policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  return html`${documentHead(`compare: ${a.scenario} vs ${b.scenario}`, policy, inlineAsset(CSS, 'style'))}<body><main>
<h1>Comparison: <span class="${regressed ? 'bad' : 'good'}">${regressed ? 'REGRESSED' : 'no regression'}</span></h1>
<dl>
<dt>A (baseline)</dt><dd>${a.scenario} against ${a.target}, ${a.startedAt} <span class="muted">${a.file}</span></dd>
<dt>B (candidate)</dt><dd>${b.scenario} against ${b.target}, ${b.startedAt} <span class="muted">${b.file}</span></dd>
<dt>tolerance</dt><dd>${(options.tolerance * 100).toFixed(1)}%${options.minDeltaMs > 0 ? `, slow-downs under ${formatDuration(options.minDeltaMs)} ignored` : ''}; p50, p90, p99 and p99.9 are judged, max is shown only</dd>
</dl>
${comparison.warnings.map((warning) => html`<p class="bad">warning: ${warning}</p>`)}
${regressed ? html`<ul>${comparison.regressions.map((r) => html`<li class="bad">${r}</li>`)}</ul>` : ''}
<h2>Latency</h2>
<table><thead><tr><th>metric (samples A → B)</th><th>stat</th><th>A</th><th>B</th><th>Δ</th><th>Δ%</th><th></th></tr></thead>
<tbody>${comparison.latencies.map(latencyRows)}</tbody></table>
<h2>Counters</h2>
<table><thead><tr><th>counter</th><th>A</th><th>B</th><th>Δ</th><th>Δ%</th><th>A per s</th><th>B per s</th></tr></thead>
<tbody>${comparison.counters.map((c) => html`<tr><td>${c.key}</td><td>${c.a}</td><td>${c.b}</td><td>${c.delta >= 0 ? '+' : ''}${c.delta}</td><td>${percent(c.relative)}</td><td>${c.aPerSecond.toFixed(1)}</td><td>${c.bPerSecond.toFixed(1)}</td></tr>`)}</tbody></table>
${comparison.checks ? checkChanges(comparison.checks) : ''}
</main></body>
</html>
`.text;
}

function latencyRows(latency: LatencyComparison): SafeHtml {
  if (latency.presence !== 'both') {
    return html`<tr><td>${latency.key}</td><td colspan="6" class="muted">only in ${latency.presence === 'only-a' ? 'A' : 'B'}</td></tr>`;
  }
  return html`${latency.stats.map(
    (s, index) => html`<tr><td>${index === 0 ? `${latency.key} (${latency.aCount} → ${latency.bCount})` : ''}</td><td>${s.stat}</td><td>${formatDuration(s.aMs)}</td><td>${formatDuration(s.bMs)}</td><td>${s.deltaMs >= 0 ? '+' : '-'}${formatDuration(Math.abs(s.deltaMs))}</td><td class="${s.regressed ? 'bad' : ''}">${percent(s.relative)}</td><td class="${s.regressed ? 'bad' : 'muted'}">${statNote(s)}</td></tr>`,
  )}`;
}

function checkChanges(diff: ExpectationsDiff): SafeHtml {
  if (diff.changes.length === 0) return html`<h2>Check verdicts</h2><p>no verdict changed</p>`;
  const rows = diff.changes.map((c) => html`<tr><td>${c.id}</td><td>${c.expected ?? '(none)'}</td><td>${c.actual ?? 'not run'}</td><td class="${c.kind === 'worse' ? 'bad' : c.kind === 'fixed' ? 'good' : 'muted'}">${c.kind}</td></tr>`);
  return html`<h2>Check verdicts</h2><table><thead><tr><th>check</th><th>A</th><th>B</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}
