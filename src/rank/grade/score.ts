/** The 100-point total (TOTAL_WEIGHTS) and the leaderboard order. */
import { LETTER_FRACTION, LETTERS, TOTAL_WEIGHTS } from './rubric.js';
import type { ComplianceGrade, HostGrades, Point, ScorePart, TlsGrade } from './types.js';

const round1 = (n: number) => Math.round(n * 10) / 10;

function tlsPart(part: 'c2sTls' | 's2sTls', grade: TlsGrade): ScorePart {
  const max = TOTAL_WEIGHTS[part];
  if (grade.grade === 'unknown') return { part, points: 0, max, from: `grade unknown (${grade.unknown ?? 'no facts'})` };
  return { part, points: round1(max * LETTER_FRACTION[grade.grade]), max, from: `grade ${grade.grade}` };
}

function pointsPart(part: 'security' | 'federation', points: Point[]): ScorePart {
  const max = TOTAL_WEIGHTS[part];
  const of = points.reduce((sum, p) => sum + p.max, 0);
  const earned = points.reduce((sum, p) => sum + (p.earned ?? 0), 0);
  const unknown = points.filter((p) => p.earned === null).length;
  const from = `${earned}/${of} points${unknown > 0 ? `, ${unknown} unknown` : ''}`;
  return { part, points: round1((max * earned) / of), max, from };
}

function compliancePart(grade: ComplianceGrade): ScorePart {
  const max = TOTAL_WEIGHTS.compliance;
  if (grade.percent === null) return { part: 'compliance', points: 0, max, from: 'unknown (no inventory)' };
  return { part: 'compliance', points: round1((max * grade.percent) / 100), max, from: `${grade.percent}% of ${grade.known} known features` };
}

/** Unknown parts earn nothing: a host is never credited for what was not seen. */
export function scoreParts(g: Omit<HostGrades, 'total' | 'parts'>): { total: number; parts: ScorePart[] } {
  const parts = [tlsPart('c2sTls', g.c2sTls), tlsPart('s2sTls', g.s2sTls), pointsPart('security', g.security), compliancePart(g.compliance), pointsPart('federation', g.federation)];
  return { total: round1(parts.reduce((sum, p) => sum + p.points, 0)), parts };
}

function letterRank(grade: TlsGrade): number {
  return grade.grade === 'unknown' ? LETTERS.length : LETTERS.indexOf(grade.grade);
}

function earned(points: Point[]): number {
  return points.reduce((sum, p) => sum + (p.earned ?? 0), 0);
}

/**
 * Leaderboard order: reachable first, then total, c2s grade, security points, compliance %,
 * s2s grade, and finally the domain (code-point order), so equal hosts always list the same way.
 */
export function compareHosts(a: HostGrades, b: HostGrades): number {
  return (
    Number(a.unreachable !== undefined) - Number(b.unreachable !== undefined) ||
    b.total - a.total ||
    letterRank(a.c2sTls) - letterRank(b.c2sTls) ||
    earned(b.security) - earned(a.security) ||
    (b.compliance.percent ?? -1) - (a.compliance.percent ?? -1) ||
    letterRank(a.s2sTls) - letterRank(b.s2sTls) ||
    (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)
  );
}
