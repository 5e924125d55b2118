import type { ChalkInstance } from 'chalk';
import type { ErrorLog } from '../engine/error-log.js';
import type { RunObserver } from '../engine/observer.js';
import { summary, type MetricsView } from '../metrics/index.js';
import type { Phase } from '../scenario/index.js';
import { formatDuration } from '../util/duration.js';

export interface ProgressSnapshot {
  phase: string;
  phaseIndex: number;
  phaseCount: number;
  elapsedMs: number;
  /** Planned length of the phase, when it has one. */
  plannedMs?: number;
  users: number;
  messagesPerSecond: number;
  latency?: { metric: string; p50Ms: number; p99Ms: number };
  errors: number;
}

/** One progress line. Pure: returns the text. */
export function renderProgress(s: ProgressSnapshot, paint: ChalkInstance): string {
  const time = s.plannedMs ? `${formatDuration(s.elapsedMs)}/${formatDuration(s.plannedMs)}` : formatDuration(s.elapsedMs);
  const latency = s.latency ? ` ${s.latency.metric} p50 ${formatDuration(s.latency.p50Ms)} p99 ${formatDuration(s.latency.p99Ms)}` : '';
  const errors = s.errors > 0 ? paint.red(` errors ${s.errors}`) : ' errors 0';
  return `[${s.phaseIndex + 1}/${s.phaseCount} ${s.phase}] ${time} users ${s.users} msgs/s ${s.messagesPerSecond.toFixed(0)}${latency}${errors}`;
}

function plannedMs(phase: Phase): number | undefined {
  if ('durationMs' in phase && phase.durationMs !== undefined) return phase.durationMs;
  if ('stages' in phase) return phase.stages.reduce((total, stage) => total + stage.durationMs, 0);
  return undefined;
}

/**
 * Live progress: on a terminal one line rewritten every second; elsewhere (CI logs) a plain
 * line every `plainEveryMs`.
 */
export function progressObserver(out: NodeJS.WritableStream & { isTTY?: boolean }, paint: ChalkInstance, plainEveryMs = 5000): RunObserver {
  let phase: { phase: Phase; index: number; count: number; startedMs: number } | undefined;
  return {
    phaseStarted(next, index, count) {
      phase = { phase: next, index, count, startedMs: Date.now() };
      if (!out.isTTY) out.write(`phase ${index + 1}/${count}: ${next.name} (${next.executor})\n`);
    },
    watch(metrics: MetricsView, errors: ErrorLog) {
      let lastSent = 0;
      let lastAt = Date.now();
      const every = out.isTTY ? 1000 : plainEveryMs;
      const timer = setInterval(() => {
        if (!phase) return;
        const sent = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
        const now = Date.now();
        const metric = metrics.latency('message_e2e')?.count ? 'message_e2e' : 'login_total';
        const latency = summary(metrics, metric);
        const line = renderProgress(
          {
            phase: phase.phase.name,
            phaseIndex: phase.index,
            phaseCount: phase.count,
            elapsedMs: now - phase.startedMs,
            plannedMs: plannedMs(phase.phase),
            users: metrics.gaugeReading('live_users')?.value ?? 0,
            messagesPerSecond: ((sent - lastSent) * 1000) / Math.max(1, now - lastAt),
            latency: latency && latency.count > 0 ? { metric, p50Ms: latency.p50Ms, p99Ms: latency.p99Ms } : undefined,
            errors: errors.count,
          },
          paint,
        );
        lastSent = sent;
        lastAt = now;
        out.write(out.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
      }, every);
      timer.unref();
      return () => {
        clearInterval(timer);
        if (out.isTTY) out.write('\r\x1b[2K');
      };
    },
  };
}
