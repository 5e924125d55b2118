import t from 'tap';
import { runPhase, type ExecutorRuntime } from '../../../src/executors/index.js';
import type { Phase } from '../../../src/scenario/types.js';
import { abortableSleep as sleep } from '../../../src/engine/runtime.js';


t.test('1000 arrivals/s on the real clock: every arrival starts, close to when it was due', async (t) => {
  const lateness: number[] = [];
  let dropped = 0;
  const runtime: ExecutorRuntime = {
    now: () => performance.timeOrigin + performance.now(),
    sleep,
    signal: new AbortController().signal,
    maxUsers: Infinity,
    dropped: () => void dropped++,
    async runIteration(_slot, { intendedStartMs }) {
      lateness.push(performance.timeOrigin + performance.now() - intendedStartMs!);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 'completed';
    },
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await runPhase({ executor: 'constant-arrival-rate', name: 'p', rate: 1000, durationMs: 2000, maxUsers: 100 } as Phase, runtime);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = [...lateness].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  t.comment(`earliest ${sorted[0]!.toFixed(3)} ms; ` + 
    `lateness p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms; ` +
      `wall ${wallMs.toFixed(0)} ms; cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
  );
  t.equal(lateness.length, 2000, 'all 2000 arrivals started');
  t.equal(dropped, 0);
  t.ok(sorted[0]! >= 0, 'never early');
  t.ok(pct(0.5) < 5, 'the median arrival is on time');
  t.ok(wallMs < 2500, 'the phase lasts its duration plus the last iteration');
});
