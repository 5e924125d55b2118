import { rulesText } from '../../../checks/rules/describe.js';
import type { CheckResult, SpecRef } from '../../../checks/types.js';
import { html, type SafeHtml } from '../escape.js';
import { ms } from '../format.js';
import { wireLog } from './wire-log.js';

const VERDICT_ORDER = ['fail', 'error', 'warn', 'pass', 'info', 'skip'] as const;

function refs(spec: readonly SpecRef[] | undefined): string {
  return (spec ?? []).map((ref) => `${ref.doc} §${ref.section}`).join(', ');
}

function tally(checks: readonly CheckResult[]): string {
  return VERDICT_ORDER.map((verdict) => [verdict, checks.filter((check) => check.verdict === verdict).length] as const)
    .filter(([, n]) => n > 0)
    .map(([verdict, n]) => `${n} ${verdict}`)
    .join(', ');
}

function row(check: CheckResult): SafeHtml {
  const legacy = refs(check.legacy);
  return html`<tr id="check-${check.id}">
  <td class="mono">${check.id}<div class="muted">${check.title}</div></td>
  <td>${refs(check.spec)}${legacy ? html`<div class="muted">from ${legacy}</div>` : ''}${check.rule ? html`<div class="muted">${rulesText(check)}</div>` : ''}</td>
  <td>${check.level}</td>
  <td class="${check.verdict}"><strong>${check.verdict}</strong></td>
  <td>${check.reason}${wireLog(check.wire)}</td>
  <td class="num">${ms(check.durationMs)}</td>
</tr>`;
}

/** Conformance checks grouped by spec area, failures first, each with its wire log. */
export function checksSection(checks: readonly CheckResult[]): SafeHtml {
  const areas = [...new Set(checks.map((check) => check.area))];
  const rank = (check: CheckResult) => VERDICT_ORDER.indexOf(check.verdict);
  if (checks.length === 0) return html`<section id="checks"><h2>Conformance checks</h2><p class="muted">No check ran.</p></section>`;
  return html`<section id="checks">
  <h2>Conformance checks</h2>
  <p class="note">${checks.length} checks: ${tally(checks)}. A MUST broken fails the run; a SHOULD broken is a warning; an error means the check
  itself could not run (a network or tool problem), not that the server is wrong; what the server did wrong while a check was being set up
  is judged at the check's level, its reason starting "server fault:".</p>
  ${areas.map((area) => {
    const inArea = checks.filter((check) => check.area === area).sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
    return html`<h3>${area}</h3><div class="table-wrap"><table><thead><tr><th>check</th><th>spec</th><th>level</th><th>verdict</th><th>reason</th><th class="num">time</th></tr></thead><tbody>${inArea.map(row)}</tbody></table></div>`;
  })}
</section>`;
}
