import { html, type SafeHtml } from '../escape.js';
import { bytes, ms, utc } from '../format.js';
import type { ReportModel } from '../model.js';
import { runVerdict } from '../verdict.js';

/** Section anchors, in page order; the header's navigation links to the ones present. */
export const SECTIONS = [
  ['thresholds', 'Thresholds'],
  ['summary', 'Summary'],
  ['errors', 'Errors'],
  ['distribution', 'Latency distribution'],
  ['timeline', 'Over time'],
  ['metrics', 'All metrics'],
  ['checks', 'Conformance checks'],
] as const;

export type SectionId = (typeof SECTIONS)[number][0];

function targetText(model: ReportModel): string {
  const { target } = model.result;
  return `${target.domain} — ${target.host}:${target.port}, ${target.tls} (${target.via})`;
}

/** Scenario, target, versions, times and the verdict of the run. */
export function headerSection(model: ReportModel, present: readonly SectionId[]): SafeHtml {
  const { result } = model;
  const verdict = runVerdict(result);
  const { lab } = result.target;
  const env = result.environment;
  const phases = result.timings.phases.map((phase) => `${phase.name} (${phase.executor}, ${ms(phase.durationMs)})`).join('; ');
  return html`<header>
  <div class="header">
    <div>
      <h1>${model.scenarioName}</h1>
      ${model.scenarioDescription ? html`<div class="muted">${model.scenarioDescription}</div>` : ''}
    </div>
    <div class="verdict ${verdict.status}" id="verdict">${verdict.headline}${verdict.reasons.length > 0 ? html`<small>${verdict.reasons.join(' · ')}</small>` : ''}</div>
  </div>
  ${result.interrupted ? html`<div class="banner">The run was interrupted: these are the results gathered until then.</div>` : ''}
  <dl class="facts">
    <dt>Target</dt><dd>${targetText(model)}</dd>
    ${lab ? html`<dt>Server</dt><dd>lab ${lab.kind} ${lab.version}, variant ${lab.variant} (started in ${ms(lab.startupMs)})</dd>` : ''}
    <dt>Started</dt><dd>${utc(result.timings.startedAt)}</dd>
    <dt>Ended</dt><dd>${utc(result.timings.endedAt)}</dd>
    <dt>Duration</dt><dd>${ms(result.timings.durationMs)} in all, load phases ${ms(result.timings.loadMs)}</dd>
    <dt>Phases</dt><dd>${phases || 'none ran'}</dd>
    <dt>Tool</dt><dd>${result.tool.name} ${result.tool.version}, Node.js ${env.node} on ${env.platform}/${env.arch}, ${env.cpus} CPUs, ${bytes(env.memoryBytes)}</dd>
    ${model.metrics.shards > 1 ? html`<dt>Shards</dt><dd>${model.metrics.shards} runs merged</dd>` : ''}
  </dl>
  <nav>${SECTIONS.filter(([id]) => present.includes(id)).map(([id, title]) => html`<a href="#${id}">${title}</a>`)}</nav>
</header>`;
}
