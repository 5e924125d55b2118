import type { ThresholdResult } from '../../../metrics/index.js';
import { html, type SafeHtml } from '../escape.js';
import { ms } from '../format.js';

function observed(threshold: ThresholdResult): string {
  if (threshold.observed === null) return 'n/a';
  if (threshold.unit === 'ms') return ms(threshold.observed);
  if (threshold.unit === 'ratio') return `${Number((threshold.observed * 100).toFixed(3))}%`;
  const value = String(Number(threshold.observed.toFixed(3)));
  return threshold.unit === 'per_second' ? `${value}/s` : value;
}

/** The note, when it failed during the run, and whether it stopped the run (abort_on_fail). */
function notes(threshold: ThresholdResult): string {
  const parts = [threshold.note];
  if (threshold.firstFailedAtMs !== undefined) parts.push(`first failed ${ms(threshold.firstFailedAtMs)} into the load`);
  if (threshold.abortedRun) parts.push('stopped the run');
  return parts.filter(Boolean).join('; ');
}

/** Each threshold expression with what was observed and whether it held. */
export function thresholdsSection(thresholds: readonly ThresholdResult[]): SafeHtml {
  const rows = thresholds.map(
    (t) =>
      html`<tr><td class="mono">${t.metric}</td><td class="mono">${t.expression}</td><td class="num">${observed(t)}</td><td class="${t.ok ? 'pass' : 'fail'}">${t.ok ? 'pass' : 'FAIL'}</td><td class="muted">${notes(t)}</td></tr>`,
  );
  return html`<section id="thresholds">
  <h2>Thresholds</h2>
  ${rows.length === 0 ? html`<p class="muted">The scenario sets no thresholds.</p>` : html`<table><thead><tr><th>metric</th><th>threshold</th><th class="num">observed</th><th>verdict</th><th>note</th></tr></thead><tbody>${rows}</tbody></table>`}
</section>`;
}
