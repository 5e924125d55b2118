import t from 'tap';
import { runPhase, type ExecutorRuntime } from '../../../src/executors/index.js';
import type { Phase } from '../../../src/scenario/types.js';

/** A runtime on the real clock whose iterations take `iterationMs`, recording what happened. */
function recordingRuntime(iterationMs: number) {
  const controller = new AbortController();
  const log = { started: [] as Array<{ slot: number; intended?: number; at: number }>, dropped: 0, live: 0, peakLive: 0 };
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const runtime: ExecutorRuntime = {
    now: () => Date.now(),
    sleep,
    signal: controller.signal,
    dropped: () => void log.dropped++,
    async runIteration(slot, options) {
      log.started.push({ slot, intended: options.intendedStartMs, at: Date.now() });
      log.peakLive = Math.max(log.peakLive, ++log.live);
      await sleep(iterationMs, options.signal);
      log.live--;
      return options.signal.aborted ? 'aborted' : 'completed';
    },
  };
  return { runtime, log, controller };
}

t.test('constant-users runs each user for its iterations', async (t) => {
  const { runtime, log } = recordingRuntime(5);
  await runPhase({ executor: 'constant-users', name: 'p', users: 3, iterations: 2 } as Phase, runtime);
  t.equal(log.started.length, 6);
  t.same([...new Set(log.started.map((s) => s.slot))].sort(), [0, 1, 2]);
});

t.test('constant-users stops at the duration', async (t) => {
  const { runtime, log } = recordingRuntime(20);
  const started = Date.now();
  await runPhase({ executor: 'constant-users', name: 'p', users: 2, durationMs: 200 } as Phase, runtime);
  t.ok(Date.now() - started < 600, 'ends near its duration');
  t.ok(log.started.length >= 6, `users repeated the flow (${log.started.length} iterations)`);
});

t.test('constant-arrival-rate drops arrivals when every slot is busy, never delays them', async (t) => {
  const { runtime, log } = recordingRuntime(1000);
  await runPhase({ executor: 'constant-arrival-rate', name: 'p', rate: 50, durationMs: 200, maxUsers: 3 } as Phase, runtime);
  t.equal(log.started.length, 3, 'only three slots');
  t.equal(log.dropped, 7, 'the other arrivals were dropped');
  for (const start of log.started) t.ok(start.intended !== undefined && start.at - start.intended! < 50, 'started on schedule');
});

t.test('ramping-users grows and shrinks the number of live users', async (t) => {
  const { runtime, log } = recordingRuntime(10);
  await runPhase(
    { executor: 'ramping-users', name: 'p', startUsers: 0, stages: [{ durationMs: 300, target: 4 }, { durationMs: 300, target: 0 }] } as Phase,
    runtime,
  );
  t.equal(log.peakLive, 4, 'reached the top of the ramp');
  t.equal(log.live, 0, 'everyone stopped');
});

t.test('an abort ends a phase promptly', async (t) => {
  const { runtime, controller } = recordingRuntime(50);
  const started = Date.now();
  setTimeout(() => controller.abort(), 100);
  await runPhase({ executor: 'constant-users', name: 'p', users: 5, durationMs: 60_000 } as Phase, runtime);
  t.ok(Date.now() - started < 1000);
});
