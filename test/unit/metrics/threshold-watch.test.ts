import t from 'tap';
import { ManualClock } from '../../../src/metrics/clock.js';
import { MetricsRegistry } from '../../../src/metrics/registry.js';
import { parseThresholds, type ThresholdSpec } from '../../../src/metrics/thresholds/parse.js';
import { ThresholdWatch } from '../../../src/metrics/thresholds/watch.js';
import type { ThresholdResult } from '../../../src/metrics/thresholds/types.js';

const START = 1_700_000_000_000;

/** A registry and a watch on one manual clock; `advance` moves both. */
function setup(spec: ThresholdSpec) {
  const clock = new ManualClock();
  const metrics = new MetricsRegistry({ clock, startEpochMs: START });
  const { thresholds, problems } = parseThresholds(spec);
  if (problems.length > 0) throw problems[0];
  const aborts: ThresholdResult[] = [];
  const watch = new ThresholdWatch(thresholds, { metrics, epochNow: () => START + clock.nowMs(), onAbort: (failed) => aborts.push(failed) });
  return { metrics, watch, aborts, advance: (ms: number) => clock.advance(ms) };
}

t.test('abort_on_fail stops at the first failing evaluation and stays failed at the end', async (t) => {
  const { metrics, watch, aborts, advance } = setup({ login_total: [{ expression: 'p(99) < 100ms', abortOnFail: true }], message_e2e: ['max < 1s'] });
  metrics.recordMs('login_total', 50);
  advance(1000);
  watch.evaluateNow();
  t.same(aborts, [], 'passing: nothing happens');
  for (let i = 0; i < 10; i++) metrics.recordMs('login_total', 500);
  advance(1000);
  watch.evaluateNow();
  t.equal(aborts.length, 1);
  t.equal(aborts[0]!.observed, 500.223);
  t.ok(watch.aborted);
  // The run goes on recording fast logins while it stops: the verdict stays what stopped it.
  for (let i = 0; i < 10_000; i++) metrics.recordMs('login_total', 1);
  watch.evaluateNow();
  t.equal(aborts.length, 1, 'aborts once');
  const [login, e2e] = watch.results();
  t.match(login, { ok: false, abortedRun: true, firstFailedAtMs: 2000, note: 'stopped the run 2.0s into the load (abort_on_fail)' });
  t.ok(login!.observed! < 100, 'the end value is still reported as measured');
  t.match(e2e, { ok: false, note: 'no samples recorded for message_e2e' });
  t.notOk('abortedRun' in e2e!);
});

t.test('no abort before delay_abort_eval, nor while nothing was measured; non-abort thresholds remember their first failure', async (t) => {
  const { metrics, watch, aborts, advance } = setup({
    login_total: [{ expression: 'avg < 10ms', abortOnFail: true, delayAbortEvalMs: 5000 }],
    message_e2e: [{ expression: 'p(50) < 1ms', abortOnFail: true }],
    connections_failed: ['count == 0'],
  });
  advance(1000);
  watch.evaluateNow();
  t.same(aborts, [], 'no messages yet: not failing yet');
  metrics.recordMs('login_total', 20);
  metrics.increment('connections_failed', { reason: 'tls' });
  for (let second = 2; second <= 4; second++) {
    advance(1000);
    watch.evaluateNow();
  }
  t.same(aborts, [], 'failing, but still inside the delay');
  advance(1000);
  watch.evaluateNow();
  t.equal(aborts.length, 1, 'aborts at 5s');
  const results = watch.results();
  t.match(results[0], { abortedRun: true, firstFailedAtMs: 2000 });
  t.match(results[2], { ok: false, firstFailedAtMs: 2000 });
  t.notOk(results[2]!.abortedRun);
});

t.test('phase thresholds judge what their phase recorded, during and after it', async (t) => {
  const { metrics, watch, aborts, advance } = setup({
    'login_total{phase=warmup}': ['max < 100ms'],
    'login_total{phase=steady state}': [{ expression: 'max < 100ms', abortOnFail: true }],
    login_total: ['count == 4'],
    'connections_failed{phase=warmup}': ['count == 1'],
    'live_users{phase=warmup}': ['max == 3'],
    'message_e2e{phase=cooldown}': ['p(99) < 1s'],
  });
  metrics.gauge('live_users').set(1);
  watch.phaseStarted('warmup');
  metrics.recordMs('login_total', 900);
  metrics.increment('connections_failed', { reason: 'auth' });
  metrics.gauge('live_users').set(3);
  advance(1000);
  watch.evaluateNow();
  t.same(aborts, [], 'the slow warm-up login is not judged by the steady-state threshold');
  watch.phaseEnded('warmup');
  watch.phaseStarted('steady state');
  metrics.gauge('live_users').set(2);
  metrics.recordMs('login_total', 30);
  metrics.recordMs('login_total', 40);
  advance(1000);
  watch.evaluateNow();
  t.same(aborts, [], 'steady state is fast');
  metrics.recordMs('login_total', 300);
  advance(500);
  watch.phaseEnded('steady state');
  t.equal(aborts.length, 1, 'a failure in the last moments of a phase is caught when it ends');
  const results = watch.results();
  t.same(
    results.map((r) => [r.metric, r.observed, r.ok]),
    [
      ['login_total{phase=warmup}', 900.095, false],
      ['login_total{phase=steady_state}', 300.031, false],
      ['login_total', 4, true],
      ['connections_failed{phase=warmup}', 1, true],
      ['live_users{phase=warmup}', 3, true],
      ['message_e2e{phase=cooldown}', null, false],
    ],
  );
  t.equal(results[5]!.note, 'phase cooldown did not run (phases: warmup, steady_state)');
  const phases = watch.phaseMetrics()!;
  t.same(Object.keys(phases), ['warmup', 'steady_state']);
  t.equal(phases['steady_state']!.counters['connections_failed{reason=auth}'], 0, 'counters are per phase');
});

t.test('without phase thresholds nothing is copied and no phase metrics are written', async (t) => {
  const { metrics, watch } = setup({ login_total: ['max < 1s'] });
  metrics.recordMs('login_total', 5);
  watch.phaseStarted('only');
  watch.phaseEnded('only');
  t.equal(watch.phaseMetrics(), undefined);
  t.match(watch.results(), [{ ok: true, observed: 5.003 }]);
});

t.test('a histogram first recorded during a phase is copied when the phase ends, not followed', async (t) => {
  const { metrics, watch } = setup({ 'login_total{phase=first}': ['count == 1'], 'login_total{phase=second}': ['count == 2'] });
  watch.phaseStarted('first');
  metrics.recordMs('login_total', 5);
  watch.phaseEnded('first');
  watch.phaseStarted('second');
  metrics.recordMs('login_total', 5);
  metrics.recordMs('login_total', 5);
  watch.phaseEnded('second');
  t.same(watch.results().map((r) => r.observed), [1, 2]);
});
