/** The rank run's progress line: rewritten in place on a terminal, silent elsewhere or with --quiet. */
import { fitWidth, formatClock } from '../report/progress.js';
import { terminalSafe } from '../util/terminal-text.js';

export interface RankProgressState {
  done: number;
  total: number;
  unreachable: number;
  startedMs: number;
  last?: string;
}

export function renderRankProgress(s: RankProgressState, nowMs: number): string {
  const last = s.last ? `  last: ${terminalSafe(s.last)}` : '';
  return `[${s.done}/${s.total} hosts] ${formatClock(nowMs - s.startedMs)}  unreachable ${s.unreachable}${last}`;
}

export function rankProgress(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, state: RankProgressState, quiet: boolean): () => void {
  if (quiet || out.isTTY !== true) return () => undefined;
  const draw = () => out.write(`\r\x1b[2K${fitWidth(renderRankProgress(state, Date.now()), out.columns)}`);
  const timer = setInterval(draw, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    out.write('\r\x1b[2K');
  };
}
