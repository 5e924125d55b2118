import type { PhaseTiming } from '../../engine/result.js';
import { COUNTERS, parseMetricKey, type MetricsView } from '../../metrics/index.js';
import { distributionValues, distributionXs, PERCENTILE_TICKS, xOfPercentile } from './distribution.js';
import { isErrorCounter, latencyPairs } from './metric-keys.js';

/** One line of a chart; null where there is no value. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

export interface Chart {
  /** DOM id of the element the chart is drawn into. */
  readonly id: string;
  readonly title: string;
  /** Unit of the y axis, shown beside the values. */
  readonly unit: string;
  readonly series: readonly ChartSeries[];
}

export interface PhaseMark {
  readonly name: string;
  /** Unix seconds (fractional). */
  readonly start: number;
  readonly end: number;
}

/** Everything the charts script draws; serialized into the page as JSON. */
export interface ChartsData {
  readonly distribution: { readonly xs: readonly number[]; readonly ticks: readonly { x: number; label: string }[]; readonly charts: readonly Chart[] };
  readonly timeline: { readonly xs: readonly number[]; readonly phases: readonly PhaseMark[]; readonly charts: readonly Chart[] };
}

function distributionCharts(metrics: MetricsView, xs: readonly number[]): Chart[] {
  return latencyPairs(metrics).map((pair, index) => {
    const series: ChartSeries[] = [];
    if (pair.raw) series.push({ label: 'raw', values: distributionValues(metrics.latency(pair.raw)!, xs) });
    if (pair.corrected) series.push({ label: 'CO-corrected', values: distributionValues(metrics.latency(pair.corrected)!, xs) });
    return { id: `dist-${index}`, title: pair.key, unit: 'ms', series };
  });
}

/**
 * Which throughput chart a counter goes on: each kind of rate on its own axis, so a burst of one
 * (say the iterations aborted when a run ends) does not flatten the others.
 */
function throughputChart(key: string): 'tl-stanzas' | 'tl-sessions' | 'tl-ended' | 'tl-other' {
  const { name, labels } = parseMetricKey(key);
  if (name === COUNTERS.stanzasSent || name === COUNTERS.stanzasReceived) return 'tl-stanzas';
  if (name === COUNTERS.iterations && labels.outcome !== 'completed') return 'tl-ended';
  if (name === COUNTERS.connectionsOpened || name === COUNTERS.iterations) return 'tl-sessions';
  return 'tl-other';
}

const THROUGHPUT_TITLES = {
  'tl-stanzas': 'Stanzas',
  'tl-sessions': 'Logins and completed iterations',
  'tl-ended': 'Iterations aborted (phase ends, ramp-downs)',
  'tl-other': 'Other counters',
} as const;

function timelineCharts(metrics: MetricsView): Chart[] {
  const series = metrics.series();
  const counters = Object.entries(series.counters);
  const throughput = counters.filter(([key]) => !isErrorCounter(key));
  const charts: Chart[] = [
    ...Object.entries(THROUGHPUT_TITLES).map(([id, title]) => ({
      id,
      title,
      unit: '/s',
      series: throughput.filter(([key]) => throughputChart(key) === id).map(([label, values]) => ({ label, values })),
    })),
    { id: 'tl-users', title: 'Live users', unit: 'users', series: Object.entries(series.gauges).map(([label, values]) => ({ label, values })) },
    { id: 'tl-errors', title: 'Errors', unit: '/s', series: counters.filter(([key]) => isErrorCounter(key)).map(([label, values]) => ({ label, values })) },
  ];
  for (const [index, pair] of latencyPairs(metrics).entries()) {
    const columns = series.histograms[pair.key];
    if (!columns) continue;
    charts.push({
      id: `tl-latency-${index}`,
      title: `${pair.key} percentiles`,
      unit: 'ms',
      series: [
        { label: 'p50', values: columns.p50Ms },
        { label: 'p90', values: columns.p90Ms },
        { label: 'p99', values: columns.p99Ms },
        { label: 'max', values: columns.maxMs },
      ],
    });
  }
  return charts.filter((chart) => chart.series.length > 0);
}

function phaseMarks(phases: readonly PhaseTiming[]): PhaseMark[] {
  return phases.map((phase) => ({ name: phase.name, start: Date.parse(phase.startedAt) / 1000, end: Date.parse(phase.endedAt) / 1000 }));
}

export function chartsData(metrics: MetricsView, phases: readonly PhaseTiming[]): ChartsData {
  const xs = distributionXs();
  const ticks = PERCENTILE_TICKS.map((percentile) => ({ x: xOfPercentile(percentile), label: `${percentile}%` }));
  const { originEpochSecond, seconds } = metrics.series();
  return {
    distribution: { xs, ticks, charts: distributionCharts(metrics, xs) },
    timeline: {
      // Each value covers a whole second: plot it at the middle, where phase lines fall true.
      xs: Array.from({ length: seconds }, (_, index) => originEpochSecond + index + 0.5),
      phases: phaseMarks(phases),
      charts: timelineCharts(metrics),
    },
  };
}
