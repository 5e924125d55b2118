/**
 * leaderboard.html: one self-contained page (no network: a CSP allowing only the inline script by
 * hash). Written in pieces so a 1,000-host board never sits in memory: the table from the grades,
 * then one detail panel per host from its journaled facts. Every value goes through `html`.
 */
import { html, inlineAsset, SafeHtml } from '../../report/html/escape.js';
import { documentHead, scriptHash } from '../../report/html/document.js';
import { utc } from '../../report/html/format.js';
import { REPORT_CSS } from '../../report/html/styles.js';
import type { Evidence, HostFacts } from '../facts.js';
import type { HostGrades, Point, TlsGrade, Trace } from '../grade/index.js';
import { LEADERBOARD_CSS, LEADERBOARD_SCRIPT } from './leaderboard-script.js';
import type { RankRunMeta } from './rank-file.js';

const SCRIPT = inlineAsset(LEADERBOARD_SCRIPT, 'script');
const CSP = `default-src 'none'; script-src ${scriptHash(SCRIPT)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;

const panelId = (rank: number) => `host-${rank}`;
const gradeClass = (grade: string) => `grade g-${grade.replace('+', 'p').replace('-', 'm')}`;
const earned = (points: Point[]) => points.reduce((s, p) => s + (p.earned ?? 0), 0);
const max = (points: Point[]) => points.reduce((s, p) => s + p.max, 0);
/** `7/10`, or `unknown` when no point's fact was learned. */
const shown = (points: Point[]) => (points.every((p) => p.earned === null) ? 'unknown' : `${earned(points)}/${max(points)}`);
/** Sort keys: grades sort best-first as numbers, unknown last. */
const GRADE_ORDER = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F', 'unknown'];

export function leaderboardHead(meta: RankRunMeta, rows: Array<{ rank: number; grades: HostGrades; software?: string }>): string {
  const columns: Array<[string, string, number]> = [
    ['rank', '#', 1], ['domain', 'host', 1], ['total', 'score', -1], ['c2s', 'c2s TLS', 1], ['s2s', 's2s TLS', 1],
    ['security', 'security', -1], ['compliance', 'compliance', -1], ['federation', 'federation', -1], ['software', 'software', 1],
  ];
  const body = html`<h1>XMPP host leaderboard</h1>
<p class="note">${meta.listed} hosts listed, ${rows.length} ranked${meta.notFinished > 0 ? `, ${meta.notFinished} not finished (interrupted: run again with --resume)` : ''}. Generated ${utc(meta.generatedAt)} by xmpp-gauntlet ${meta.toolVersion}. Rubric: docs/rank.md. Open a host for its grades and the evidence behind each one.</p>
<div class="table-wrap"><table id="board">
<thead><tr>${columns.map(([key, label, first]) => html`<th data-key="${key}" data-first="${first}" aria-sort="${key === 'rank' ? 'ascending' : 'none'}"><button type="button">${label}</button></th>`)}</tr></thead>
<tbody>
${rows.map(({ rank, grades: g, software }) => html`<tr data-panel="${panelId(rank)}" data-rank="${rank}" data-domain="${g.domain}" data-total="${g.total}" data-c2s="${GRADE_ORDER.indexOf(g.c2sTls.grade)}" data-s2s="${GRADE_ORDER.indexOf(g.s2sTls.grade)}" data-security="${earned(g.security)}" data-compliance="${g.compliance.percent ?? -1}" data-federation="${earned(g.federation)}" data-software="${software ?? ''}">
<td class="num">${rank}</td><td><button type="button" class="open" data-panel="${panelId(rank)}">${g.domain}</button>${g.unreachable ? html` <span class="fail">unreachable</span>` : ''}</td>
<td class="num">${g.total.toFixed(1)}</td><td class="${gradeClass(g.c2sTls.grade)}">${g.c2sTls.grade}</td><td class="${gradeClass(g.s2sTls.grade)}">${g.s2sTls.grade}</td>
<td class="num">${shown(g.security)}</td><td class="num">${g.compliance.percent === null ? 'unknown' : `${g.compliance.percent}%`}</td><td class="num">${shown(g.federation)}</td><td>${software ?? ''}</td>
</tr>`)}
</tbody></table></div>
`;
  return html`${documentHead('XMPP host leaderboard', CSP, inlineAsset(REPORT_CSS + LEADERBOARD_CSS, 'style'))}<body>
<main>
${body}`.text;
}

function refs(t: Trace): SafeHtml {
  const evidence = t.evidence.length > 0 ? html` · evidence ${t.evidence.map((i, n) => html`${n > 0 ? ', ' : ''}#${i + 1}`)}` : '';
  return html`<span class="refs">facts: ${t.facts.join(', ')}${evidence}</span>`;
}

function tlsSection(title: string, g: TlsGrade): SafeHtml {
  return html`<h3>${title}: <span class="${gradeClass(g.grade)}">${g.grade}</span>${g.unknown ? html` <span class="muted">(${g.unknown})</span>` : ''}</h3>
<ul>${g.endpoints.map((e) => html`<li><b>${e.endpoint}</b>: <span class="${gradeClass(e.grade)}">${e.grade}</span>${e.score ? ` — protocol ${e.score.protocol}, key exchange ${e.score.keyExchange}, cipher ${e.score.cipher}, score ${e.score.total}` : ''}${e.unknown ? ` (${e.unknown})` : ''}
<ul>${e.rules.map((r) => html`<li>${r.id} → ${r.letter === 'A+' ? 'A+' : `at most ${r.letter}`}: ${r.why} ${refs(r)}</li>`)}</ul></li>`)}</ul>`;
}

function pointsTable(points: Point[]): SafeHtml {
  return html`<table><thead><tr><th>property</th><th class="num">points</th><th>seen</th><th>trace</th></tr></thead><tbody>
${points.map((p) => html`<tr><td>${p.label}</td><td class="num">${p.earned === null ? 'unknown' : `${p.earned}/${p.max}`}</td><td>${p.why}</td><td>${refs(p)}</td></tr>`)}
</tbody></table>`;
}

function evidenceList(evidence: Evidence[]): SafeHtml {
  return html`<ol class="evidence">${evidence.map((e) => html`<li><b>${e.probe}</b> <span class="refs">(${e.facts.join(', ')})</span><pre class="mono">${e.seen}</pre></li>`)}</ol>`;
}

export function detailPanel(rank: number, g: HostGrades, facts: HostFacts): string {
  const software = facts.inventory?.software;
  const unknown = Object.entries(facts.unknown);
  return html`<section class="host" id="${panelId(rank)}" hidden>
<h2>#${rank} ${g.domain} — ${g.total.toFixed(1)} points</h2>
${g.unreachable ? html`<p class="fail">Unreachable: ${g.unreachable}</p>` : ''}
<p class="muted">Probed ${utc(facts.probedAt)} in ${(facts.durationMs / 1000).toFixed(1)} s.${software ? html` Software: ${software.name} ${software.version ?? ''} ${software.os ?? ''}` : ''}</p>
<table><thead><tr><th>part</th><th class="num">points</th><th>from</th></tr></thead><tbody>${g.parts.map((p) => html`<tr><td>${p.part}</td><td class="num">${p.points}/${p.max}</td><td>${p.from}</td></tr>`)}</tbody></table>
${tlsSection('c2s TLS', g.c2sTls)}
${tlsSection('s2s TLS', g.s2sTls)}
<h3>Security</h3>${pointsTable(g.security)}
<h3>Federation</h3>${pointsTable(g.federation)}
<h3>Compliance (XEP-0479): ${g.compliance.percent === null ? 'unknown' : `${g.compliance.percent}% of ${g.compliance.known} known`}</h3>
<ul>${g.compliance.items.map((i) => html`<li>${i.present === null ? 'unknown' : i.present ? '✓' : '✗'} ${i.label} (${i.xep}) ${refs(i)}</li>`)}</ul>
${facts.account ? html`<h3>With the listed account (not graded)</h3><p>${facts.account.jid}: login in ${facts.account.loginMs} ms; checks: ${Object.entries(facts.account.checks).map(([id, verdict], n) => html`${n > 0 ? ', ' : ''}${id} ${verdict}`)}</p>` : ''}
${unknown.length > 0 ? html`<h3>Not learned</h3><ul>${unknown.map(([fact, why]) => html`<li><code>${fact}</code>: ${why}</li>`)}</ul>` : ''}
<h3>Evidence</h3>${evidenceList(facts.evidence)}
</section>
`.text;
}

export function leaderboardTail(): string {
  return `</main>\n<script>${SCRIPT}</script>\n</body>\n</html>\n`;
}
