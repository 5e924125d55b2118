import t from 'tap';
import { ManualClock, MetricsRegistry } from '../../../src/metrics/index.js';
import { LATENCY_LE_SECONDS } from '../../../src/outputs/prometheus/buckets.js';
import { PhaseLedger, SETUP_PHASE } from '../../../src/outputs/prometheus/phases.js';
import { gaugeSamples, totalsSamples, type Sample } from '../../../src/outputs/prometheus/series.js';
import { readTotals } from '../../../src/outputs/prometheus/totals.js';

const RUN = { run: 'r1', scenario: 's' };

function find(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.labels.__name__ === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

t.test('a histogram becomes cumulative le buckets, +Inf, _sum and _count in seconds', async (t) => {
  const metrics = new MetricsRegistry({ clock: new ManualClock() });
  for (const ms of [0.3, 3, 3, 40, 700, 90_000]) metrics.recordMs('message_e2e', ms);
  const samples = totalsSamples(readTotals(metrics), { ...RUN, phase: 'p' });
  const bucket = (le: string) => find(samples, 'gauntlet_message_e2e_seconds_bucket', { le })[0]?.value;
  t.equal(bucket('0.0005'), 1, '0.3 ms is at or below 0.5 ms');
  t.equal(bucket('0.002'), 1, '3 ms is not at or below 2 ms');
  t.equal(bucket('0.005'), 3);
  t.equal(bucket('0.05'), 4);
  t.equal(bucket('1'), 5);
  t.equal(bucket('60'), 5, 'the 90 s sample is above every finite bound');
  t.equal(bucket('+Inf'), 6);
  t.equal(find(samples, 'gauntlet_message_e2e_seconds_bucket').length, LATENCY_LE_SECONDS.length + 1, 'one series per bound, and +Inf');
  t.equal(find(samples, 'gauntlet_message_e2e_seconds_count')[0]?.value, 6);
  const sum = find(samples, 'gauntlet_message_e2e_seconds_sum')[0]?.value ?? 0;
  t.ok(Math.abs(sum - 90.7463) < 0.1, `_sum in seconds (${sum})`);
  const values = LATENCY_LE_SECONDS.map((le) => bucket(String(le)) ?? -1);
  t.same([...values].sort((a, b) => a - b), values, 'buckets are cumulative');
});

t.test('counters end in _total; labels are sorted and the run labels win over a metric label', async (t) => {
  const metrics = new MetricsRegistry({ clock: new ManualClock() });
  metrics.increment('stanzas_sent', { kind: 'message' }, 7);
  metrics.increment('odd', { run: 'from-a-step' });
  metrics.gauge('live_users').set(4);
  const samples = totalsSamples(readTotals(metrics), { ...RUN, phase: 'p' });
  const [sent] = find(samples, 'gauntlet_stanzas_sent_total');
  t.same(sent, { labels: { __name__: 'gauntlet_stanzas_sent_total', kind: 'message', phase: 'p', run: 'r1', scenario: 's' }, value: 7 });
  t.same(Object.keys(sent!.labels), Object.keys(sent!.labels).sort());
  t.equal(find(samples, 'gauntlet_odd_total')[0]?.labels.run, 'r1');
  t.same(gaugeSamples(metrics, RUN), [{ labels: { __name__: 'gauntlet_live_users', run: 'r1', scenario: 's' }, value: 4 }], 'gauges carry no phase');
});

t.test('each phase counts only its own share; the shares add up to the totals', async (t) => {
  const metrics = new MetricsRegistry({ clock: new ManualClock() });
  const ledger = new PhaseLedger(metrics);
  t.same(ledger.shares().map((s) => s.phase), [SETUP_PHASE], 'before any phase: the setup share');
  metrics.increment('logins', undefined, 2);
  ledger.phaseStarted('warm');
  ledger.phaseStarted('quiet');
  ledger.phaseStarted('main');
  metrics.increment('logins', undefined, 5);
  metrics.recordMs('message_e2e', 10);
  const shares = ledger.shares();
  t.same(shares.map((s) => s.phase), [SETUP_PHASE, 'main'], 'ended phases that counted nothing are left out; the current one stays');
  t.same(shares.map((s) => s.totals.counters.get('logins')), [2, 5]);
  t.same(shares.map((s) => s.totals.histograms.get('message_e2e')?.count ?? 0), [0, 1]);
  ledger.phaseStarted('end');
  t.same(ledger.shares().map((s) => s.phase), [SETUP_PHASE, 'main', 'end'], 'a new phase starts at zero');
  t.same(ledger.shares().at(-1)?.totals.counters.get('logins'), 0);
});
