import type { ChartsData } from '../charts-data.js';
import { html, type SafeHtml } from '../escape.js';
import { chartFigure } from './chart-figure.js';

/** HDR percentile plots: one per latency metric, raw and CO-corrected on the same axes. */
export function distributionSection(data: ChartsData['distribution']): SafeHtml {
  return html`<section id="distribution">
  <h2>Latency distribution</h2>
  <p class="note">Latency at each percentile on a log-scaled axis (1/(1−p)), so the tail from 90% to 99.999% gets as much room as
  the median. Where a rate-driven sender also recorded latencies from the intended send time, the CO-corrected line shows what
  users queued behind a stall saw (coordinated omission). A line ends at the highest percentile its sample count can tell apart.</p>
  ${data.charts.length > 0 ? html`<div class="charts">${data.charts.map(chartFigure)}</div>` : html`<p class="muted">No latency was recorded.</p>`}
</section>`;
}
