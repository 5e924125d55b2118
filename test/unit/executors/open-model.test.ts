import t from 'tap';
import { runPhase } from '../../../src/executors/index.js';
import type { Phase } from '../../../src/scenario/types.js';
import { fakeRuntime } from '../../helpers/fake-runtime.js';

const phase = (fields: Record<string, unknown>) => ({ name: 'p', ...fields }) as unknown as Phase;

t.test('constant-arrival-rate: one arrival per 1/rate, each started when it was due', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 5 });
  await time.run(runPhase(phase({ executor: 'constant-arrival-rate', rate: 100, durationMs: 1000, maxUsers: 10 }), runtime));
  t.equal(log.started.length, 100);
  t.equal(log.dropped, 0);
  t.ok(log.started.every((s, i) => s.intended === (i + 1) * 10 && s.at === s.intended), 'every 10 ms, on time');
  t.same([...new Set(log.started.map((s) => s.slot))], [0], 'a fast flow needs one account');
  t.same(log.started.slice(0, 3).map((s) => s.iteration), [0, 1, 2], 'iterations are counted per account');
});

t.test('constant-arrival-rate: with every user busy an arrival is dropped, never delayed', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 150 });
  await time.run(runPhase(phase({ executor: 'constant-arrival-rate', rate: 10, durationMs: 1000, maxUsers: 1 }), runtime));
  t.same(log.started.map((s) => s.at), [100, 300, 500, 700, 900], 'started arrivals keep their own time');
  t.ok(log.started.every((s) => s.at === s.intended));
  t.equal(log.dropped, 5, 'the arrivals at 200, 400, 600, 800 and 1000 ms were dropped');
  t.equal(time.elapsed, 1050, 'the phase waits for the iteration in flight');
});

t.test('constant-arrival-rate: load.max_users lowers the phase cap', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 10_000, maxUsers: 3 });
  await time.run(runPhase(phase({ executor: 'constant-arrival-rate', rate: 50, durationMs: 200, maxUsers: 100 }), runtime));
  t.equal(log.started.length, 3);
  t.equal(log.dropped, 7);
});

t.test('ramping-arrival-rate: arrivals follow the integral of the rate', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 1 });
  // 0 → 100/s over 2 s: by second s, 25·s² arrivals.
  await time.run(runPhase(phase({ executor: 'ramping-arrival-rate', startRate: 0, stages: [{ durationMs: 2000, target: 100 }], maxUsers: 10 }), runtime));
  const perHalfSecond = [0, 1, 2, 3].map((i) => log.started.filter((s) => s.at > i * 500 && s.at <= (i + 1) * 500).length);
  t.same(perHalfSecond, [6, 19, 31, 44]);
  t.equal(log.dropped, 0);
});

t.test('ramping-arrival-rate: a plateau after the ramp keeps the last rate', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 1 });
  const stages = [{ durationMs: 1000, target: 20 }, { durationMs: 1000, target: 20 }];
  await time.run(runPhase(phase({ executor: 'ramping-arrival-rate', startRate: 20, stages, maxUsers: 5 }), runtime));
  t.equal(log.started.length, 40);
});

t.test('an abort stops arrivals and reaches the iterations in flight', async (t) => {
  const { time, runtime, log, controller } = fakeRuntime({ iterationMs: 1000 });
  time.at(550, () => controller.abort());
  await time.run(runPhase(phase({ executor: 'constant-arrival-rate', rate: 10, durationMs: 60_000, maxUsers: 100 }), runtime));
  t.equal(time.elapsed, 550);
  t.equal(log.started.length, 5, 'arrivals at 100..500 ms only');
  t.ok(log.started.every((s) => s.outcome === 'aborted'));
});
