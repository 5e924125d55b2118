/** The leaderboard as CSV, one row per host. */
import type { HostFacts } from '../facts.js';
import type { HostGrades, Point } from '../grade/index.js';

export const CSV_HEADER = 'rank,domain,total,c2s_tls,s2s_tls,security,security_max,compliance_percent,federation,federation_max,software,unreachable\n';

/**
 * RFC 4180 quoting; a cell starting with = + - @ (spreadsheet formula) is prefixed with ' since
 * the software name and reasons come from the server.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const sum = (points: Point[], pick: (p: Point) => number) => points.reduce((total, p) => total + pick(p), 0);

export function csvRow(rank: number, g: HostGrades, facts: HostFacts): string {
  const software = facts.inventory?.software;
  const cells = [
    rank, g.domain, g.total, g.c2sTls.grade, g.s2sTls.grade,
    sum(g.security, (p) => p.earned ?? 0), sum(g.security, (p) => p.max),
    g.compliance.percent, sum(g.federation, (p) => p.earned ?? 0), sum(g.federation, (p) => p.max),
    software ? `${software.name} ${software.version ?? ''}`.trim() : null, g.unreachable,
  ];
  return `${cells.map(csvCell).join(',')}\n`;
}
