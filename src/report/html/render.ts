import type { RunResult } from '../../engine/result.js';
import { chartsData } from './charts-data.js';
import { html } from './escape.js';
import { page } from './layout.js';
import { reportModel } from './model.js';
import { cardsSection } from './sections/cards.js';
import { checksSection } from './sections/checks.js';
import { distributionSection } from './sections/distribution.js';
import { errorsSection } from './sections/errors.js';
import { headerSection, SECTIONS, type SectionId } from './sections/header.js';
import { metricsSection } from './sections/metrics-table.js';
import { requirementsBlock } from './sections/requirements.js';
import { thresholdsSection } from './sections/thresholds.js';
import { timelineSection } from './sections/timeline.js';
import { runVerdict } from './verdict.js';

/**
 * The single-file HTML report of a run: opens from disk with no network, charts drawn by the
 * inlined uPlot. Pure apart from reading uPlot's files once; every text from the server or the
 * scenario is escaped.
 */
export function renderHtmlReport(result: RunResult): string {
  const model = reportModel(result);
  const data = chartsData(model.metrics, result.timings.phases);
  const { checks } = result;
  const present: SectionId[] = SECTIONS.map(([id]) => id).filter((id) => id !== 'checks' || checks !== undefined);
  // The verdict's reasons first: thresholds (run health included), then what went wrong, then the detail.
  const body = html`${headerSection(model, present)}
${thresholdsSection(result.thresholds)}
${cardsSection(model)}
${errorsSection(model)}
${distributionSection(data.distribution)}
${timelineSection(data.timeline)}
${metricsSection(model)}
${checks ? checksSection(checks) : ''}
${result.requirements?.length ? requirementsBlock(result.requirements) : ''}
<footer>Written by ${result.tool.name} ${result.tool.version} from result.json (${result.format}). Charts: uPlot (MIT).</footer>`;
  const title = `${model.scenarioName} — ${runVerdict(result).headline} — gauntlet report`;
  return page(title, body, data);
}
