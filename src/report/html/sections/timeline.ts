import type { ChartsData } from '../charts-data.js';
import { html, type SafeHtml } from '../escape.js';
import { chartFigure } from './chart-figure.js';

/** Per-second series: throughput, live users, errors and latency percentiles, phases marked. */
export function timelineSection(data: ChartsData['timeline']): SafeHtml {
  const hasErrors = data.charts.some((chart) => chart.id === 'tl-errors');
  return html`<section id="timeline">
  <h2>Over time</h2>
  <p class="note">One point per wall-clock second, times in UTC (the first and last seconds are partial). Dashed lines mark where each load
  phase started and ended.${hasErrors ? '' : ' No error was counted in any second.'}</p>
  ${data.xs.length > 0 ? html`<div class="charts">${data.charts.map(chartFigure)}</div>` : html`<p class="muted">The run recorded no complete second.</p>`}
</section>`;
}
