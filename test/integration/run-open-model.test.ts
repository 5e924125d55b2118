import t from 'tap';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { loadScenarioText } from '../../src/scenario/index.js';

// Iterations last ~0.5 s, arrivals come every 0.1 s, and only two users may be alive at once.
const OVERLOADED = `
name: overloaded
target: { lab: prosody }
accounts:
  lab: { count: 2 }
load:
  phases:
    - { executor: constant-arrival-rate, rate: 10, duration: 2s, max_users: 2 }
flow: [login, { think: 500ms }, disconnect]
`;

t.test('arrivals that find every user busy are dropped and counted, never queued', async (t) => {
  const dir = t.testdir();
  const scenario = loadScenarioText(OVERLOADED, join(dir, 'overloaded.yaml'));
  const { result } = await runScenario(scenario, { version: 'test', out: join(dir, 'out') });
  const metrics = decodeMetrics(result.metrics);
  const completed = metrics.counterTotal('iterations{outcome=completed}') ?? 0;
  const dropped = metrics.counterTotal('dropped_arrivals') ?? 0;
  t.comment(`completed ${completed}, dropped ${dropped}, load ${result.timings.loadMs} ms`);
  t.equal(completed + dropped, 20, 'every arrival either ran or was counted as dropped');
  t.ok(dropped >= 8, 'most arrivals found both users busy');
  t.equal(metrics.gaugeReading('live_users')?.max, 2, 'never more users than max_users');
  t.ok(result.timings.loadMs < 4000, 'no backlog worked off after the schedule (a queue would take ~5.5 s)');
  t.equal(result.errors.total, 0, 'no errors');
  t.equal(metrics.latency('login_total.corrected')?.count, completed, 'logins are also timed from when they were due');
});
