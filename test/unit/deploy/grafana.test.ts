import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTERS, GAUGES, LATENCY } from '../../../src/metrics/index.js';
import { counterName, gaugeName, histogramName } from '../../../src/outputs/prometheus/names.js';

/** deploy/grafana/gauntlet.json: it parses, and every query names only series the Prometheus output writes. */
const DASHBOARD = join(import.meta.dirname, '..', '..', '..', 'deploy', 'grafana', 'gauntlet.json');

const EMITTED = new Set([
  ...Object.values(LATENCY).flatMap((name) => [name, `${name}.corrected`]).flatMap((name) => ['_bucket', '_sum', '_count'].map((part) => `${histogramName(name)}${part}`)),
  ...Object.values(COUNTERS).map(counterName),
  ...Object.values(GAUGES).map(gaugeName),
]);
/** Our run labels, `le`, and the labels metrics are recorded with (src/metrics/names.ts). */
const LABELS = new Set(['run', 'phase', 'segment', 'scenario', 'le', 'kind', 'reason', 'condition', 'outcome', 'from']);

interface Target {
  expr: string;
}
interface Dashboard {
  uid: string;
  panels: { title: string; targets: Target[] }[];
  templating: { list: { name: string; query: unknown }[] };
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
const queries = [
  ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ where: panel.title, expr: target.expr }))),
  ...dashboard.templating.list.flatMap((v) => (typeof v.query === 'object' && v.query !== null ? [{ where: `$${v.name}`, expr: (v.query as { query: string }).query }] : [])),
];

t.test('the dashboard parses and has panels with queries', async (t) => {
  t.equal(dashboard.uid, 'xmpp-gauntlet-live');
  t.ok(dashboard.panels.length >= 6, `${dashboard.panels.length} panels`);
  t.ok(queries.length >= 10, `${queries.length} queries`);
});

t.test('every query names only metrics and labels we emit', async (t) => {
  for (const { where, expr } of queries) {
    const names = expr.match(/\bgauntlet_[A-Za-z0-9_]+/g) ?? [];
    t.ok(names.length > 0, `${where}: names a gauntlet metric`);
    for (const name of names) t.ok(EMITTED.has(name), `${where}: ${name} is a series we write`);
    const labels = [...expr.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!=|!~|=)\s*"/g), ...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((l) => l.trim()));
    for (const label of labels) t.ok(LABELS.has(label), `${where}: label ${label} is one we write`);
  }
});

t.test('latency quantiles aggregate buckets by le over rates, so shards add up', async (t) => {
  const quantiles = queries.filter((q) => q.expr.includes('histogram_quantile'));
  t.ok(quantiles.length >= 4);
  for (const { where, expr } of quantiles) {
    t.match(expr, /histogram_quantile\(0\.\d+, sum by \(le(, \w+)?\) \(rate\(gauntlet_\w+_seconds_bucket\{/, `${where}: quantile over summed bucket rates`);
  }
});
