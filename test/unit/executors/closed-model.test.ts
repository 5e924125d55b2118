import { backoffMs } from '../../../src/executors/closed-user.js';
import t from 'tap';
import { PhaseRunner, runPhase } from '../../../src/executors/index.js';
import type { Phase } from '../../../src/scenario/types.js';
import { fakeRuntime, liveAt, type Started } from '../../helpers/fake-runtime.js';

const phase = (fields: Record<string, unknown>) => ({ name: 'p', ...fields }) as unknown as Phase;

/** No slot ever runs two iterations at once (it stands for one account). */
function overlapsOnASlot(started: Started[]): boolean {
  return started.some((a, i) => started.some((b, j) => i !== j && a.slot === b.slot && a.at < b.at && b.at < (a.endedAt ?? Infinity)));
}

t.test('constant-users: each user runs its iterations back to back', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 10 });
  await time.run(runPhase(phase({ executor: 'constant-users', users: 3, iterations: 2 }), runtime));
  t.equal(log.started.length, 6);
  t.same(
    log.started.map(({ slot, iteration, at }) => [slot, iteration, at]).sort(),
    [[0, 0, 0], [0, 1, 10], [1, 0, 0], [1, 1, 10], [2, 0, 0], [2, 1, 10]],
  );
  t.equal(time.elapsed, 20, 'the phase ends when the last iteration does');
});

t.test('constant-users: at the end of the duration, iterations in flight finish (graceful stop)', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 300 });
  await time.run(runPhase(phase({ executor: 'constant-users', users: 2, durationMs: 1000 }), runtime));
  t.equal(log.started.length, 8, 'each user started at 0, 300, 600 and 900');
  t.equal(time.elapsed, 1200, 'the iterations started at 900 ran to their end');
  t.ok(log.started.every((s) => s.outcome === 'completed'), 'none aborted');
});

t.test('constant-users: graceful_stop bounds the wait, then iterations are aborted', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 300 });
  await time.run(runPhase(phase({ executor: 'constant-users', users: 2, durationMs: 1000, gracefulStopMs: 50 }), runtime));
  t.equal(time.elapsed, 1050);
  t.same(log.started.filter((s) => s.outcome === 'aborted').map((s) => [s.at, s.endedAt]), [[900, 1050], [900, 1050]]);
});

t.test('users carry over from a ramp into a hold: nobody is stopped and started again at the boundary', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 60_000 });
  const runner = new PhaseRunner(runtime);
  const ramp = phase({ executor: 'ramping-users', startUsers: 0, stages: [{ durationMs: 1000, target: 10 }] });
  const hold = phase({ executor: 'constant-users', users: 10, durationMs: 2000, gracefulStopMs: 0 });
  await time.run((async () => {
    await runner.run(ramp, hold);
    await runner.run(hold);
  })());
  t.equal(log.started.length, 10, 'ten users, one iteration each, across both phases');
  t.equal(liveAt(log, 1500), 10);
  t.equal(time.elapsed, 3000);
  t.ok(log.started.every((s) => s.iteration === 0 && s.endedAt === 3000), 'every iteration ran until the hold ended');
});

t.test('a hold with more users adds them; with fewer, the newest leave', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 60_000 });
  const runner = new PhaseRunner(runtime);
  const first = phase({ executor: 'constant-users', users: 3, durationMs: 100 });
  const more = phase({ executor: 'constant-users', users: 5, durationMs: 100 });
  const fewer = phase({ executor: 'constant-users', users: 2, durationMs: 100, gracefulStopMs: 0 });
  await time.run((async () => {
    await runner.run(first, more);
    await runner.run(more, fewer);
    await runner.run(fewer);
  })());
  t.equal(log.started.length, 5);
  t.same(log.started.filter((s) => s.endedAt === 300).map((s) => s.slot).sort(), [0, 1], 'the oldest two stay to the end');
});

t.test('a closed phase followed by an open model stops its users first (accounts are never shared)', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 250 });
  const runner = new PhaseRunner(runtime);
  const hold = phase({ executor: 'constant-users', users: 2, durationMs: 100 });
  const open = phase({ executor: 'constant-arrival-rate', rate: 10, durationMs: 500, maxUsers: 2 });
  await time.run((async () => {
    await runner.run(hold, open);
    await runner.run(open);
  })());
  t.notOk(overlapsOnASlot(log.started));
  t.ok(log.started.filter((s) => s.at < 250).every((s) => s.outcome === 'completed'), 'the hold iterations finished first');
});

t.test('constant-users: a failing flow is retried after a growing pause, not in a tight loop', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 0, outcome: 'failed' });
  await time.run(runPhase(phase({ executor: 'constant-users', users: 1, durationMs: 1000 }), runtime));
  t.ok(log.started.length >= 4 && log.started.length <= 5, `${log.started.length} attempts: back-off of 100, 200, 400, 800 ms (jittered 50-100%)`);
  t.equal(time.elapsed, 1000, 'a pause under way ends with the phase');
});

t.test('the back-off doubles, is jittered between half and all of it, and is capped at 5 s', async (t) => {
  t.same([1, 2, 3, 4].map((failures) => backoffMs(failures, () => 1)), [100, 200, 400, 800]);
  t.equal(backoffMs(3, () => 0), 200);
  t.equal(backoffMs(50, () => 1), 5000);
});

t.test('constant-users: load.max_users caps the users', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 10, maxUsers: 3 });
  await time.run(runPhase(phase({ executor: 'constant-users', users: 5, iterations: 1 }), runtime));
  t.equal(log.peakLive, 3);
  t.same([...new Set(log.started.map((s) => s.slot))].sort(), [0, 1, 2]);
});

t.test('ramping-users: follows the ramp up and down', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 60_000 });
  const stages = [{ durationMs: 1000, target: 10 }, { durationMs: 1000, target: 10 }, { durationMs: 1000, target: 0 }];
  await time.run(runPhase(phase({ executor: 'ramping-users', startUsers: 0, stages }), runtime));
  const expected: Array<[number, number]> = [[0, 0], [500, 5], [1000, 10], [1500, 10], [2000, 10], [2500, 5], [3000, 0]];
  for (const [ms, users] of expected) t.equal(liveAt(log, ms), users, `${users} users at ${ms} ms`);
  t.equal(log.peakLive, 10);
  t.equal(time.elapsed, 3000, 'ends with the ramp');
  t.ok(log.started.every((s) => s.outcome === 'aborted'), 'removed users stop their iteration when aborted');
});

t.test('ramping-users: a removed user stops at once and its account is reused, never shared', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 250 });
  const stages = [{ durationMs: 200, target: 2 }, { durationMs: 200, target: 0 }, { durationMs: 200, target: 2 }, { durationMs: 400, target: 2 }];
  await time.run(runPhase(phase({ executor: 'ramping-users', startUsers: 0, stages }), runtime));
  t.same([...new Set(log.started.map((s) => s.slot))].sort(), [0, 1], 'two accounts are enough');
  t.notOk(overlapsOnASlot(log.started), 'no account runs two iterations at once');
  t.equal(liveAt(log, 400), 0, 'everyone left at the bottom of the ramp');
  t.ok(log.started.some((s) => s.at >= 400 && s.iteration === 0), 're-added users start afresh');
});

t.test('ramping-users: load.max_users caps the ramp', async (t) => {
  const { time, runtime, log } = fakeRuntime({ iterationMs: 50, maxUsers: 4 });
  await time.run(runPhase(phase({ executor: 'ramping-users', startUsers: 0, stages: [{ durationMs: 1000, target: 20 }] }), runtime));
  t.equal(log.peakLive, 4);
});

t.test('an abort ends a closed phase at once', async (t) => {
  for (const fields of [
    { executor: 'constant-users', users: 5, durationMs: 600_000 },
    { executor: 'ramping-users', startUsers: 5, stages: [{ durationMs: 600_000, target: 50 }] },
  ]) {
    const { time, runtime, log, controller } = fakeRuntime({ iterationMs: 50 });
    time.at(1000, () => controller.abort());
    await time.run(runPhase(phase(fields), runtime));
    t.equal(time.elapsed, 1000, `${fields.executor} stopped when aborted`);
    t.equal(log.live, 0, 'no iteration left running');
  }
});
