import t from 'tap';
import { failedRun, judgeHealth } from '../../../src/engine/health.js';
import { TargetWatch } from '../../../src/engine/target-watch.js';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const scenario = (flow: string, options = '') =>
  loadScenarioText(`name: h\ntarget: { lab: prosody }\naccounts: { lab: { count: 2 } }\nflow: ${flow}\n${options}`, 'h.yaml');

t.test('most logins failing, nothing delivered and too many failed iterations each fail the run', async (t) => {
  const metrics = new MetricsRegistry();
  metrics.increment('connections_opened', undefined, 1);
  metrics.increment('connections_failed', { reason: 'auth' }, 3);
  metrics.increment('connections_opened', { side: 's2s' }, 10);
  metrics.increment('stanzas_sent', { kind: 'message' }, 5);
  metrics.increment('iterations', { outcome: 'completed' }, 8);
  metrics.increment('iterations', { outcome: 'failed' }, 2);
  const results = judgeHealth({ scenario: scenario('[login, { message: { to: self } }]'), metrics });
  t.match(results, [
    { metric: 'health.logins', ok: false, observed: 0.75, note: '3 of 4 logins failed' },
    { metric: 'health.delivery', ok: false, observed: 0, note: '0 delivered of 5 sent' },
    { metric: 'health.errors', ok: false, observed: 0.2, note: /2 of 10 iterations failed/ },
  ]);
  metrics.recordMs('message_e2e', 3);
  const lenient = judgeHealth({ scenario: scenario('[login, { message: { to: self } }]', 'options: { max_error_rate: 0.25 }'), metrics });
  t.match(lenient.slice(1), [{ metric: 'health.delivery', ok: true }, { metric: 'health.errors', ok: true }], 'options.max_error_rate moves the limit');
});

t.test('a flow that sends no message is not judged on delivery; a target gone away and a failed set-up are named', async (t) => {
  const metrics = new MetricsRegistry();
  metrics.increment('connections_opened', undefined, 2);
  const results = judgeHealth({ scenario: scenario('[login, disconnect]'), metrics, targetWentAway: 'target went away: 3 logins in a row failed' });
  t.same(results.map((r) => [r.metric, r.ok]), [['health.target', false], ['health.logins', true]]);
  t.same(failedRun(undefined), []);
  t.match(failedRun(new Error('pre-flight login refused')), [{ metric: 'health.run', ok: false, note: 'pre-flight login refused' }]);
});

t.test('the target watch stops the run after 3 s of refused logins with none succeeding', async (t) => {
  const metrics = new MetricsRegistry();
  let now = 0;
  const gone: string[] = [];
  const watch = new TargetWatch({ metrics, onGone: (why) => gone.push(why), now: () => now });
  metrics.increment('connections_opened', undefined, 5);
  watch.poll();
  metrics.increment('connections_failed', { reason: 'timeout' }, 50);
  now = 10_000;
  watch.poll();
  t.same(gone, [], 'timeouts may be a slow server, not a dead one');
  metrics.increment('connections_failed', { reason: 'refused' }, 2);
  watch.poll();
  now = 12_000;
  metrics.increment('connections_opened', undefined, 1);
  metrics.increment('connections_failed', { reason: 'refused' }, 2);
  watch.poll();
  now = 20_000;
  watch.poll();
  t.same(gone, [], 'a login that succeeded resets the streak');
  metrics.increment('connections_failed', { reason: 'refused' }, 3);
  watch.poll();
  now = 22_999;
  metrics.increment('connections_failed', { reason: 'closed' }, 1);
  watch.poll();
  t.same(gone, [], 'not yet 3 s');
  now = 23_000;
  watch.poll();
  t.equal(gone.length, 1);
  t.match(gone[0], /^target went away: 4 logins in a row failed \(connection refused or closed\) over 3\.0s, none succeeded$/);
  t.equal(watch.gone, gone[0]);
});
