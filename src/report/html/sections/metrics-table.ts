import { summary } from '../../../metrics/index.js';
import { html, type SafeHtml } from '../escape.js';
import { count, ms, rate } from '../format.js';
import type { ReportModel } from '../model.js';

function latencyTable(model: ReportModel): SafeHtml | string {
  const { metrics, rateSeconds } = model;
  const rows = metrics.histogramKeys().map((key) => {
    const s = summary(metrics, key)!;
    const histogram = metrics.latency(key)!;
    const clamped = histogram.clampedBelow + histogram.clampedAbove;
    const max = `${histogram.clampedAbove > 0 ? '≥ ' : ''}${ms(s.maxMs)}`;
    const cells = s.count === 0 ? [] : [ms(s.minMs), ms(s.meanMs), ms(s.p50Ms), ms(s.p90Ms), ms(s.p95Ms), ms(s.p99Ms), ms(s.p999Ms), max];
    return html`<tr><td class="mono">${key}</td><td class="num">${count(s.count)}</td><td class="num">${rate(s.count, rateSeconds)}</td>${cells.map((cell) => html`<td class="num">${cell}</td>`)}${s.count === 0 ? html`<td colspan="8" class="muted">no samples</td>` : ''}<td class="num">${clamped > 0 ? count(clamped) : ''}</td></tr>`;
  });
  if (rows.length === 0) return '';
  const heads = ['count', 'per s', 'min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'clamped'];
  return html`<h3>Latencies</h3><div class="table-wrap"><table><thead><tr><th>metric</th>${heads.map((head) => html`<th class="num">${head}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function counterTable(model: ReportModel): SafeHtml | string {
  const { metrics, rateSeconds } = model;
  const rows = metrics.counterKeys().map((key) => {
    const total = metrics.counterTotal(key) ?? 0;
    return html`<tr><td class="mono">${key}</td><td class="num">${count(total)}</td><td class="num">${rate(total, rateSeconds)}</td></tr>`;
  });
  if (rows.length === 0) return '';
  return html`<h3>Counters</h3><div class="table-wrap"><table><thead><tr><th>metric</th><th class="num">total</th><th class="num">per s</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function gaugeTable(model: ReportModel): SafeHtml | string {
  const rows = model.metrics.gaugeKeys().map((key) => {
    const reading = model.metrics.gaugeReading(key)!;
    return html`<tr><td class="mono">${key}</td><td class="num">${count(reading.value)}</td><td class="num">${count(reading.max)}</td></tr>`;
  });
  if (rows.length === 0) return '';
  return html`<h3>Gauges</h3><div class="table-wrap"><table><thead><tr><th>metric</th><th class="num">last</th><th class="num">peak</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Every histogram, counter and gauge of the run; rates are over the load phases. */
export function metricsSection(model: ReportModel): SafeHtml {
  return html`<section id="metrics">
  <h2>All metrics</h2>
  <p class="note">Percentiles are read from the HDR histograms in result.json (3 significant digits). Rates are per second of
  load (${(Math.round(model.rateSeconds * 100) / 100).toString()} s). A clamped sample was outside the histogram's bounds and recorded at the bound.</p>
  ${latencyTable(model)}${counterTable(model)}${gaugeTable(model)}
</section>`;
}
