import { COUNTERS, GAUGES, LATENCY, keyName, metricKey, parseMetricKey, summary } from '../../../metrics/index.js';
import { html, type SafeHtml } from '../escape.js';
import { count, ms, rate } from '../format.js';
import type { ReportModel } from '../model.js';

interface Card {
  readonly label: string;
  readonly value: string;
  readonly tone?: 'pass' | 'fail' | 'warn';
}

function latencyCards(model: ReportModel, key: string, title: string): Card[] {
  const s = summary(model.metrics, key);
  if (!s || s.count === 0) return [];
  return [
    { label: `${title} p50`, value: ms(s.p50Ms) },
    { label: `${title} p99`, value: ms(s.p99Ms) },
  ];
}

function verdictCard(label: string, passed: number, total: number): Card[] {
  if (total === 0) return [];
  return [{ label, value: `${passed} / ${total}`, tone: passed === total ? 'pass' : 'fail' }];
}

/** HTTP load at a glance: responses per second, failed requests, each upload phase's MB/s (10^6 bytes) both ways. */
function httpCards(model: ReportModel): Card[] {
  const { metrics, rateSeconds } = model;
  const total = (name: string) => metrics.counterKeys().filter((key) => keyName(key) === name).reduce((sum, key) => sum + (metrics.counterTotal(key) ?? 0), 0);
  const responses = total(COUNTERS.httpResponses);
  const failures = total(COUNTERS.httpFailures);
  if (responses + failures === 0) return [];
  const rates = metrics.gaugeKeys().filter((key) => keyName(key) === GAUGES.uploadRate);
  return [
    { label: 'HTTP responses / s', value: rate(responses, rateSeconds) },
    { label: 'HTTP failures', value: count(failures), tone: failures > 0 ? 'fail' : 'pass' },
    ...rates.map((key): Card => {
      const { endpoint, direction } = parseMetricKey(key).labels;
      return { label: `${endpoint} ${direction} MB/s`, value: ((metrics.gaugeReading(key)?.value ?? 0) / 1e6).toFixed(2) };
    }),
  ];
}

/** The run at a glance: users, message rate, errors, login and e2e latency, verdict counts. */
export function cardsSection(model: ReportModel): SafeHtml {
  const { metrics, result, rateSeconds } = model;
  const messagesSent = metrics.counterTotal(metricKey(COUNTERS.stanzasSent, { kind: 'message' })) ?? 0;
  const dropped = metrics.counterTotal(COUNTERS.droppedArrivals) ?? 0;
  const checks = result.checks ?? [];
  const cards: Card[] = [
    { label: 'peak users', value: count(metrics.gaugeReading(GAUGES.liveUsers)?.max ?? 0) },
    { label: 'messages sent / s', value: rate(messagesSent, rateSeconds) },
    { label: 'errors', value: count(result.errors.total), tone: result.errors.total > 0 ? 'fail' : 'pass' },
    ...(dropped > 0 ? [{ label: 'dropped arrivals', value: count(dropped), tone: 'warn' as const }] : []),
    ...latencyCards(model, LATENCY.loginTotal, 'login'),
    ...latencyCards(model, LATENCY.messageE2e, 'message e2e'),
    ...httpCards(model),
    ...verdictCard('thresholds held', result.thresholds.filter((t) => t.ok).length, result.thresholds.length),
    ...verdictCard('MUST checks passed', checks.filter((c) => c.level === 'MUST' && c.verdict === 'pass').length, checks.filter((c) => c.level === 'MUST' && c.verdict !== 'skip').length),
  ];
  return html`<section id="summary">
  <h2>Summary</h2>
  <div class="cards">${cards.map((card) => html`<div class="card"><div class="value ${card.tone ?? ''}">${card.value}</div><div class="label">${card.label}</div></div>`)}</div>
</section>`;
}
