import type { CheckResult } from '../../../checks/types.js';
import { html, type SafeHtml } from '../escape.js';
import { wireLog } from './wire-log.js';

const STATE = { pass: 'present', fail: 'absent', skip: 'unknown', error: 'error', warn: 'absent', info: 'present' } as const;

/** Deployment requirements (`--require`), apart from the RFC verdicts: present, absent or unknown. */
export function requirementsBlock(requirements: readonly CheckResult[]): SafeHtml {
  return html`<section id="requirements">
  <h2>Deployment requirements</h2>
  <p class="note">Features the RFCs leave optional that this deployment was required to have (<code>--require</code>); an absent one fails the run. They do not change any check's verdict.</p>
  <div class="table-wrap"><table><thead><tr><th>requirement</th><th>state</th><th>reason</th></tr></thead><tbody>${requirements.map(
    (r) => html`<tr><td class="mono">${r.id.replace(/^require\./, '')}<div class="muted">${r.title}</div></td><td class="${r.verdict}"><strong>${STATE[r.verdict]}</strong></td><td>${r.reason}${wireLog(r.wire)}</td></tr>`,
  )}</tbody></table></div>
</section>`;
}
