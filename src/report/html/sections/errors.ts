import { html, type SafeHtml } from '../escape.js';
import { count, ms } from '../format.js';
import { isErrorCounter } from '../metric-keys.js';
import type { ReportModel } from '../model.js';
import { errorGroups } from '../../error-groups.js';

function byKind(model: ReportModel): SafeHtml {
  const kinds = Object.entries(model.result.errors.byKind).sort(([, a], [, b]) => b - a);
  return html`<h3>By kind</h3><table><thead><tr><th>kind</th><th class="num">count</th></tr></thead><tbody>${kinds.map(([kind, n]) => html`<tr><td>${kind}</td><td class="num">${count(n)}</td></tr>`)}</tbody></table>`;
}

/** Error counters carry the condition, reason or step as a label: `stanza_errors{condition=...}`. */
function byCondition(model: ReportModel): SafeHtml | string {
  const rows = model.metrics
    .counterKeys()
    .filter(isErrorCounter)
    .map((key) => html`<tr><td class="mono">${key}</td><td class="num">${count(model.metrics.counterTotal(key) ?? 0)}</td></tr>`);
  if (rows.length === 0) return '';
  return html`<h3>By condition</h3><table><thead><tr><th>counter</th><th class="num">total</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Identical problems once each, counted, most frequent first: 23 alike are one row saying 23. */
function groups(model: ReportModel): SafeHtml | string {
  const rows = errorGroups(model.result.errors).map(
    (group) =>
      html`<tr><td class="num">${count(group.count)}</td><td>${group.kind}</td><td>${group.condition ?? ''}</td><td>${group.step ?? ''}</td><td class="num">${ms(group.firstAtMs)}</td><td class="mono">${group.message}</td></tr>`,
  );
  if (rows.length === 0) return '';
  return html`<h3>Grouped, most frequent first</h3><div class="table-wrap"><table><thead><tr><th class="num">count</th><th>kind</th><th>condition</th><th>step</th><th class="num">first at</th><th>first message</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function samples(model: ReportModel): SafeHtml {
  const { sample, total } = model.result.errors;
  const rows = sample.map(
    (error) =>
      html`<tr><td class="num">${ms(error.atMs)}</td><td>${error.kind}</td><td>${error.condition ?? ''}</td><td>${error.user ?? ''}</td><td>${error.step ?? ''}</td><td class="mono">${error.message}</td></tr>`,
  );
  return html`<h3>First ${count(sample.length)} of ${count(total)}</h3><div class="table-wrap"><table><thead><tr><th class="num">at</th><th>kind</th><th>condition</th><th>user</th><th>step</th><th>message</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** What went wrong, counted by kind and by XMPP condition, with the first problems in full. */
export function errorsSection(model: ReportModel): SafeHtml {
  const { errors } = model.result;
  return html`<section id="errors">
  <h2>Errors</h2>
  ${errors.total === 0 ? html`<p class="pass">No errors.</p>` : errors.groups ? html`${groups(model)}<details><summary>The first ${count(errors.sample.length)} one by one</summary>${samples(model)}</details>` : html`${byKind(model)}${samples(model)}`}
  ${byCondition(model)}
</section>`;
}
