import type { ChalkInstance } from 'chalk';
import type { ErrorLog } from '../engine/error-log.js';
import type { RunObserver } from '../engine/observer.js';
import { COUNTERS, GAUGES, LATENCY, type MetricsView } from '../metrics/index.js';
import type { Phase } from '../scenario/index.js';
import { stripVTControlCharacters } from 'node:util';
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

/** `m:ss` (or `h:mm:ss`): a clock that does not jitter on a line rewritten every second. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line. Pure: returns the text. */
export function renderProgress(s: ProgressSnapshot, paint: ChalkInstance): string {
  // Elapsed counts whole seconds down, what is left up: they add up to the planned length.
  const leftMs = s.plannedMs === undefined ? 0 : Math.ceil(Math.max(0, s.plannedMs - s.elapsedMs) / 1000) * 1000;
  const time = s.plannedMs === undefined ? formatClock(s.elapsedMs) : `${formatClock(s.elapsedMs)}/${formatClock(s.plannedMs)} (${formatClock(leftMs)} left)`;
  const latency = s.latency ? `  ${s.latency.metric} p50 ${formatDuration(s.latency.p50Ms)} p99 ${formatDuration(s.latency.p99Ms)}` : '';
  const errors = s.errors > 0 ? paint.red(`errors ${s.errors}`) : 'errors 0';
  return `${paint.bold(`[${s.phaseIndex + 1}/${s.phaseCount} ${s.phase}]`)} ${time}  users ${s.users}  msgs/s ${s.messagesPerSecond.toFixed(0)}${latency}  ${errors}`;
}

/** A line rewritten in place must fit the terminal, or each rewrite leaves a wrapped tail behind. */
export function fitWidth(line: string, columns: number | undefined): string {
  if (columns === undefined || columns <= 0) return line;
  const plain = stripVTControlCharacters(line);
  if (plain.length < columns) return line;
  return `${plain.slice(0, Math.max(0, columns - 2))}…`;
}

export function plannedMs(phase: Phase): number | undefined {
  if ('durationMs' in phase && phase.durationMs !== undefined) return phase.durationMs;
  if ('stages' in phase) return phase.stages.reduce((total, stage) => total + stage.durationMs, 0);
  return undefined;
}

/** Message latency once messages flow, login latency before. */
function headlineLatency(metrics: MetricsView): ProgressSnapshot['latency'] {
  for (const metric of [LATENCY.messageE2e, LATENCY.loginTotal]) {
    // Two percentiles only: a whole summary (mean, deviation, five percentiles) walks the histogram seven times.
    const histogram = metrics.latency(metric);
    if (histogram && histogram.count > 0) return { metric, p50Ms: histogram.valueAtPercentileUs(50) / 1000, p99Ms: histogram.valueAtPercentileUs(99) / 1000 };
  }
  return undefined;
}

export interface ProgressOptions {
  /** Rewrite period on a terminal. */
  ttyEveryMs?: number;
  /** Period of plain lines elsewhere (CI logs). */
  plainEveryMs?: number;
}

/**
 * Live progress: on a terminal one line rewritten every second; elsewhere a plain line every
 * five seconds and one when a phase starts.
 */
export function progressObserver(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, paint: ChalkInstance, options: ProgressOptions = {}): RunObserver {
  const tty = out.isTTY === true;
  let phase: { phase: Phase; index: number; count: number; startedMs: number } | undefined;
  return {
    phaseStarted(next, index, count) {
      phase = { phase: next, index, count, startedMs: Date.now() };
      if (!tty) out.write(`phase ${index + 1}/${count}: ${next.name} (${next.executor})\n`);
    },
    watch(metrics: MetricsView, errors: ErrorLog) {
      const sentKey = `${COUNTERS.stanzasSent}{kind=message}`;
      let lastSent = 0;
      let lastAt = Date.now();
      const timer = setInterval(
        () => {
          if (!phase) return;
          const sent = metrics.counterTotal(sentKey) ?? 0;
          const now = Date.now();
          const line = renderProgress(
            {
              phase: phase.phase.name,
              phaseIndex: phase.index,
              phaseCount: phase.count,
              elapsedMs: now - phase.startedMs,
              plannedMs: plannedMs(phase.phase),
              users: metrics.gaugeReading(GAUGES.liveUsers)?.value ?? 0,
              messagesPerSecond: ((sent - lastSent) * 1000) / Math.max(1, now - lastAt),
              latency: headlineLatency(metrics),
              errors: errors.count,
            },
            paint,
          );
          lastSent = sent;
          lastAt = now;
          out.write(tty ? `\r\x1b[2K${fitWidth(line, out.columns)}` : `${line}\n`);
        },
        tty ? (options.ttyEveryMs ?? 1000) : (options.plainEveryMs ?? 5000),
      );
      timer.unref();
      return () => {
        clearInterval(timer);
        if (tty) out.write('\r\x1b[2K');
      };
    },
  };
}
