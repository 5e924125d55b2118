import t from 'tap';
import { checkEnoughAccounts } from '../../../src/engine/accounts.js';
import { executorRuntime } from '../../../src/engine/runtime.js';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { loadScenarioText } from '../../../src/scenario/index.js';
import type { FlowRunner, VirtualUser } from '../../../src/steps/types.js';

const users: VirtualUser[] = [1, 2, 3].map((n) => ({ n, username: `u${n}`, password: `p${n}`, domain: 'a.example', jid: `u${n}@a.example` }));

t.test('slots map to accounts; live users, outcomes and dropped arrivals are recorded', async (t) => {
  const seen: string[] = [];
  let liveDuring = -1;
  const metrics = new MetricsRegistry();
  const flow: FlowRunner = {
    async runIteration(user) {
      seen.push(user.username);
      liveDuring = metrics.gaugeReading('live_users')!.value;
      return user.n === 3 ? 'failed' : 'completed';
    },
    liveUsers: () => 0,
    closeAll: async () => undefined,
  };
  const runtime = executorRuntime(flow, users, metrics, new AbortController().signal, 10);
  t.equal(runtime.maxUsers, 3, 'never more users than accounts');
  await runtime.runIteration(0, { signal: runtime.signal, iteration: 0 });
  await runtime.runIteration(2, { signal: runtime.signal, iteration: 0 });
  runtime.dropped();
  t.same(seen, ['u1', 'u3']);
  t.equal(liveDuring, 1);
  t.equal(metrics.gaugeReading('live_users')!.value, 0);
  t.equal(metrics.counterTotal('iterations{outcome=completed}'), 1);
  t.equal(metrics.counterTotal('iterations{outcome=failed}'), 1);
  t.equal(metrics.counterTotal('dropped_arrivals'), 1);
});

t.test('the real-clock sleep ends early when aborted', async (t) => {
  const runtime = executorRuntime({} as FlowRunner, users, new MetricsRegistry(), new AbortController().signal);
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 20);
  await runtime.sleep(60_000, controller.signal);
  t.ok(Date.now() - started < 1000);
  t.ok(Math.abs(runtime.now() - Date.now()) < 5, 'now() is epoch ms');
});

t.test('a CSV shorter than the load is refused before the run', async (t) => {
  const dir = t.testdir({ 'accounts.csv': 'a,1\nb,2\n' });
  const scenario = loadScenarioText(
    'target: { domain: a.example, host: 127.0.0.1 }\naccounts: { csv: accounts.csv }\nload: { phases: [{ executor: constant-users, users: 3, iterations: 1 }] }\nflow: [login]\n',
    `${dir}/s.yaml`,
  );
  t.throws(() => checkEnoughAccounts(scenario, 2), { code: 'config', message: /up to 3 users at once but only 2 accounts/, hint: /accounts\.csv/ });
  t.doesNotThrow(() => checkEnoughAccounts(scenario, 3));
});
