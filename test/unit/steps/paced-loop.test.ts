import t from 'tap';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { loadScenarioText } from '../../../src/scenario/index.js';
import { createFlowRunner } from '../../../src/steps/index.js';
import { RecordingErrors, scenarioYaml, virtualUser } from '../../helpers/fake-session.js';

function run(flow: string) {
  const metrics = new MetricsRegistry();
  const errors = new RecordingErrors();
  const runner = createFlowRunner({
    scenario: loadScenarioText(scenarioYaml(flow), 'test.yaml'),
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', allowCleartextAuth: false },
    metrics,
    errors,
  });
  const started = performance.now();
  return runner
    .runIteration(virtualUser(1), { signal: new AbortController().signal, iteration: 0 })
    .then((outcome) => ({ outcome, elapsedMs: performance.now() - started, metrics, errors }));
}

t.test('passes start on their schedule, not back to back', async (t) => {
  const { outcome, elapsedMs, metrics } = await run('  - loop: { count: 5, rate: 20, steps: [ { think: 0ms } ] }\n');
  t.equal(outcome, 'completed');
  t.ok(elapsedMs >= 195, `the fifth pass starts 4 intervals of 50 ms after the first (${elapsedMs.toFixed(0)} ms)`);
  t.equal(metrics.counterTotal('dropped_arrivals{step=loop}'), undefined, 'nothing dropped when every pass is quick');
});

t.test('slots that go by during a slow pass are dropped, not queued', async (t) => {
  const { outcome, elapsedMs, metrics } = await run('  - loop: { duration: 300ms, rate: 100, steps: [ { think: 45ms } ] }\n');
  t.equal(outcome, 'completed');
  const dropped = metrics.counterTotal('dropped_arrivals{step=loop}') ?? 0;
  // 30 slots in 300 ms; each 45 ms pass covers ~4.5 of them, so about 7 run and the rest drop.
  t.ok(dropped >= 18 && dropped <= 27, `most of the 30 slots were dropped (${dropped})`);
  t.ok(elapsedMs < 400, `the loop still ends on time (${elapsedMs.toFixed(0)} ms)`);
});

t.test('a rate needs count or duration like any loop', async (t) => {
  t.throws(() => loadScenarioText(scenarioYaml('  - loop: { rate: 5, steps: [ { think: 0ms } ] }\n'), 'test.yaml'), /needs count or duration/);
});
