/** The leaderboard for the terminal: the first rows as a table, server text made safe. */
import { renderTable } from '../../report/table.js';
import { terminalSafe } from '../../util/terminal-text.js';
import type { HostGrades, Point } from '../grade/index.js';

const earned = (points: Point[]) => points.every((p) => p.earned === null) ? 'unknown' : `${points.reduce((s, p) => s + (p.earned ?? 0), 0)}/${points.reduce((s, p) => s + p.max, 0)}`;

export function renderLeaderboardText(ranked: Array<{ grades: HostGrades }>, maxRows = 25): string {
  const rows = ranked.slice(0, maxRows).map(({ grades: g }, i) => [
    String(i + 1), terminalSafe(g.domain), g.total.toFixed(1), g.c2sTls.grade, g.s2sTls.grade, earned(g.security),
    g.compliance.percent === null ? 'unknown' : `${g.compliance.percent}%`, earned(g.federation),
    g.unreachable ? terminalSafe(`unreachable: ${g.unreachable}`).slice(0, 80) : '',
  ]);
  const more = ranked.length > maxRows ? `… and ${ranked.length - maxRows} more (see the leaderboard)\n` : '';
  return `${renderTable(['#', 'host', 'score', 'c2s TLS', 's2s TLS', 'security', 'compliance', 'federation', ''], rows)}${more}`;
}
