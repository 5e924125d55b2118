import t from 'tap';
import net from 'node:net';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { loadScenarioText } from '../../../src/scenario/index.js';
import { createFlowRunner } from '../../../src/steps/index.js';
import type { ConnectionTarget } from '../../../src/steps/types.js';
import { RecordingErrors, scenarioYaml, virtualUser } from '../../helpers/fake-session.js';

function setup(flow: string, target: Partial<ConnectionTarget> = {}, random?: () => number) {
  const scenario = loadScenarioText(scenarioYaml(flow), 'test.yaml');
  const metrics = new MetricsRegistry();
  const errors = new RecordingErrors();
  const runner = createFlowRunner({
    scenario,
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', allowCleartextAuth: false, ...target },
    metrics,
    errors,
    random,
  });
  return { runner, metrics, errors };
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Hands out the given values in turn, as `random`. */
function sequence(...values: number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length]!;
}

const THEN_MEET = '  - think: { uniform: [0ms, 100ms] }\n  - wait: { barrier: sync, timeout: 2s }\n';

t.test('a barrier holds the first user until every live user has reached it', async (t) => {
  const { runner, errors } = setup(THEN_MEET, {}, sequence(0, 0.9));
  const signal = new AbortController().signal;
  const started = Date.now();
  const first = runner.runIteration(virtualUser(1), { signal, iteration: 0 }).then((outcome) => [outcome, Date.now() - started]);
  const second = runner.runIteration(virtualUser(2), { signal, iteration: 0 });
  t.equal(runner.liveUsers(), 2);
  const [outcome, elapsedMs] = await first;
  t.equal(outcome, 'completed');
  t.ok((elapsedMs as number) >= 80, `the user who thought 0 ms waited for the other (${elapsedMs} ms)`);
  t.equal(await second, 'completed');
  t.equal(runner.liveUsers(), 0);
  t.same(errors.records, []);
});

t.test('a user that leaves releases the others waiting at a barrier', async (t) => {
  const { runner, errors } = setup(THEN_MEET, {}, sequence(0, 0.9));
  const leaving = new AbortController();
  const started = Date.now();
  const first = runner.runIteration(virtualUser(1), { signal: new AbortController().signal, iteration: 0 });
  const second = runner.runIteration(virtualUser(2), { signal: leaving.signal, iteration: 0 });
  setTimeout(() => leaving.abort(), 20);
  t.same(await Promise.all([first, second]), ['completed', 'aborted']);
  t.ok(Date.now() - started < 80, 'released when the other left, not when it would have arrived');
  t.same(errors.records, [], 'an aborted iteration is no error');
});

t.test('a barrier timeout fails the iteration and is counted', async (t) => {
  const flow = '  - think: { uniform: [0ms, 300ms] }\n  - wait: { barrier: sync, timeout: 20ms }\n';
  const { runner, errors, metrics } = setup(flow, {}, sequence(0, 0.99));
  const signal = new AbortController().signal;
  const outcomes = await Promise.all([
    runner.runIteration(virtualUser(1), { signal, iteration: 0 }),
    runner.runIteration(virtualUser(2), { signal, iteration: 0 }),
  ]);
  t.same(outcomes, ['failed', 'completed'], 'the late one found nobody left to wait for');
  t.equal(metrics.counterTotal('timeouts{step=wait}'), 1);
  t.match(errors.records, [{ kind: 'timeout', context: { user: 'user1', step: 'wait', condition: 'timeout' } }]);
});

t.test('an abort ends a long think promptly as aborted, not an error', async (t) => {
  const { runner, errors } = setup('  - loop: { count: 3, steps: [ { think: 1h } ] }\n');
  const controller = new AbortController();
  const started = Date.now();
  const outcome = runner.runIteration(virtualUser(1), { signal: controller.signal, iteration: 0 });
  setTimeout(() => controller.abort(), 20);
  t.equal(await outcome, 'aborted');
  t.ok(Date.now() - started < 1000);
  t.same(errors.records, []);
});

t.test('a login that cannot connect fails with the classified reason', async (t) => {
  const port = await closedPort();
  const { runner, errors, metrics } = setup('  - login\n  - message: { to: self }\n', { port });
  const outcome = await runner.runIteration(virtualUser(1), { signal: new AbortController().signal, iteration: 0 });
  t.equal(outcome, 'failed');
  t.equal(metrics.counterTotal('connections_failed{reason=refused}'), 1);
  t.equal(errors.records.length, 1);
  t.match(errors.records[0], { kind: 'connection', context: { user: 'user1', step: 'login', condition: 'refused' } });
  t.notMatch(JSON.stringify(errors.records), /pw1/, 'no password in error records');
  await runner.closeAll();
});
