/** `--start-at TIME`: shards started at different moments begin their phases together. */
import { abortableSleep } from '../engine/runtime.js';
import { GauntletError } from '../util/errors.js';
import { formatDuration } from '../util/duration.js';

/** Further in the past than this is a mistake (a stale job spec), not a late start. */
export const MAX_PAST_MS = 60_000;
const MAX_FUTURE_MS = 7 * 24 * 3600_000;
const REMIND_EVERY_MS = 10_000;

/** An ISO 8601 time with a zone (`2026-12-07T05:00:00Z`) or epoch milliseconds, as epoch ms. */
export function parseStartAt(text: string, nowMs = Date.now()): number {
  const ms = /^\d{10,}$/.test(text.trim()) ? Number(text.trim()) : /(Z|[+-]\d\d:?\d\d)$/i.test(text.trim()) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) {
    throw new GauntletError('usage', `--start-at ${JSON.stringify(text)} is not a time`, { hint: 'give an ISO time with its zone (2026-12-07T05:00:00Z) or epoch milliseconds (date +%s%3N)' });
  }
  if (ms < nowMs - MAX_PAST_MS) {
    throw new GauntletError('usage', `--start-at ${text} is ${formatDuration(nowMs - ms)} in the past`, { hint: 'give every shard the same time a little in the future, e.g. $(date -d "+30 sec" +%s%3N)' });
  }
  if (ms > nowMs + MAX_FUTURE_MS) {
    throw new GauntletError('usage', `--start-at ${text} is more than a week away`, { hint: 'check the date; epoch time is in milliseconds' });
  }
  return ms;
}

/** Waits until `atMs` (or an abort), saying how long, and again every 10 s; says so when it is already late. */
export async function waitForStart(atMs: number, signal: AbortSignal, say: (line: string) => void): Promise<void> {
  const late = Date.now() - atMs;
  if (late > 0) {
    say(`--start-at passed ${formatDuration(late)} ago (setting up took longer): starting the phases now, behind the other shards`);
    return;
  }
  while (!signal.aborted && Date.now() < atMs) {
    const left = atMs - Date.now();
    say(`waiting ${formatDuration(left)} for --start-at ${new Date(atMs).toISOString()}`);
    await abortableSleep(Math.min(left, REMIND_EVERY_MS), signal);
  }
}
