/**
 * The child's side of `--workers`: a worker is a `gauntlet run --segment I/N` forked by the
 * parent, talking over Node's IPC channel. It sends a small progress snapshot every second, says
 * when it is ready for its phases and starts them when the parent says (all workers together).
 */
import type { RunObserver } from '../engine/observer.js';
import { COUNTERS, GAUGES } from '../metrics/index.js';
import { plannedMs } from '../report/progress.js';
import type { Phase } from '../scenario/index.js';
import { waitForStart } from './start-at.js';

export const WORKER_ENV = 'GAUNTLET_WORKER';

/** What a worker reports each second; the parent adds them up into one progress line. */
export interface WorkerProgress {
  type: 'progress';
  phase: string;
  phaseIndex: number;
  phaseCount: number;
  phaseStartedMs: number;
  plannedMs?: number;
  users: number;
  messagesSent: number;
  errors: number;
}

export type FromWorker = WorkerProgress | { type: 'ready' };
export type ToWorker = { type: 'start'; atMs: number };

export interface WorkerChannel {
  observer: RunObserver;
  /** Says "ready" and resolves once the parent's start time has come. */
  beforePhases(signal: AbortSignal): Promise<void>;
  /** Lets go of the channel, which would otherwise keep the process alive after the run. */
  close(): void;
}

/** The channel when this process was forked by `--workers`, otherwise undefined. */
export function workerChannel(onParentGone: () => void): WorkerChannel | undefined {
  if (process.env[WORKER_ENV] !== '1' || !process.send) return undefined;
  const send = (message: FromWorker) => void process.send?.(message);
  // A parent that went away cannot merge anything: stop, still writing this shard's result.
  process.once('disconnect', onParentGone);
  const onMessage = (message: ToWorker) => message.type === 'start' && resolveStart(message.atMs);
  let resolveStart: (atMs: number) => void = () => undefined;
  const startAt = new Promise<number>((resolve) => (resolveStart = resolve));
  process.on('message', onMessage);
  let phase: { phase: Phase; index: number; count: number; startedMs: number } | undefined;
  return {
    observer: {
      phaseStarted(next, index, count) {
        phase = { phase: next, index, count, startedMs: Date.now() };
      },
      watch(metrics, errors) {
        const timer = setInterval(() => {
          if (!phase) return;
          send({
            type: 'progress',
            phase: phase.phase.name,
            phaseIndex: phase.index,
            phaseCount: phase.count,
            phaseStartedMs: phase.startedMs,
            plannedMs: plannedMs(phase.phase),
            users: metrics.gaugeReading(GAUGES.liveUsers)?.value ?? 0,
            messagesSent: metrics.counterTotal(`${COUNTERS.stanzasSent}{kind=message}`) ?? 0,
            errors: errors.count,
          });
        }, 1000);
        timer.unref();
        return () => clearInterval(timer);
      },
    },
    async beforePhases(signal) {
      send({ type: 'ready' });
      const atMs = await Promise.race([startAt, new Promise<number>((resolve) => signal.addEventListener('abort', () => resolve(0), { once: true }))]);
      if (!signal.aborted) await waitForStart(atMs, signal, () => undefined);
    },
    close() {
      process.off('disconnect', onParentGone);
      process.off('message', onMessage);
      if (process.connected) process.disconnect();
    },
  };
}
