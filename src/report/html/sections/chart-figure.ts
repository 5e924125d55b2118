import type { Chart } from '../charts-data.js';
import { html, type SafeHtml } from '../escape.js';

/** The box a chart is drawn into by the charts script (matched by id). */
export function chartFigure(chart: Chart): SafeHtml {
  return html`<figure class="chart"><h3>${chart.title} <span class="muted">(${chart.unit})</span></h3><div class="chart-area" id="${chart.id}"></div></figure>`;
}
