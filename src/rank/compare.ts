/**
 * `gauntlet compare` of two rank.json files: per host, who improved, who regressed, who is new or
 * gone. A host regressed when its total fell or a TLS grade got worse; improved when the opposite
 * happened without either getting worse.
 */
import { renderTable } from '../report/table.js';
import { terminalSafe } from '../util/terminal-text.js';
import { LETTERS } from './grade/rubric.js';
import type { TlsGradeValue } from './grade/index.js';
import type { RankFile } from './output/rank-file.js';

export interface HostChange {
  domain: string;
  change: 'improved' | 'regressed' | 'same' | 'new' | 'gone';
  a?: { rank: number; total: number; c2s: TlsGradeValue; s2s: TlsGradeValue };
  b?: { rank: number; total: number; c2s: TlsGradeValue; s2s: TlsGradeValue };
  why: string[];
}

export interface RankComparison {
  kind: 'rank';
  a: { file: string; generatedAt: string; hosts: number };
  b: { file: string; generatedAt: string; hosts: number };
  hosts: HostChange[];
  verdict: 'regressed' | 'ok';
}

/** Lower is better; unknown below F. */
const gradeRank = (g: TlsGradeValue) => (g === 'unknown' ? LETTERS.length : LETTERS.indexOf(g));

function summarise(file: RankFile) {
  return new Map(file.hosts.map((h) => [h.domain, { rank: h.rank, total: h.total, c2s: h.grades.c2sTls.grade, s2s: h.grades.s2sTls.grade }]));
}

function judge(domain: string, a: NonNullable<HostChange['a']>, b: NonNullable<HostChange['b']>): HostChange {
  const worse: string[] = [];
  const better: string[] = [];
  if (b.total < a.total) worse.push(`score ${a.total} → ${b.total}`);
  if (b.total > a.total) better.push(`score ${a.total} → ${b.total}`);
  for (const [label, x, y] of [['c2s TLS', a.c2s, b.c2s], ['s2s TLS', a.s2s, b.s2s]] as const) {
    if (gradeRank(y) > gradeRank(x)) worse.push(`${label} ${x} → ${y}`);
    if (gradeRank(y) < gradeRank(x)) better.push(`${label} ${x} → ${y}`);
  }
  const change = worse.length > 0 ? 'regressed' : better.length > 0 ? 'improved' : 'same';
  return { domain, change, a, b, why: [...worse, ...better] };
}

export function compareRankFiles(a: { file: string; data: RankFile }, b: { file: string; data: RankFile }): RankComparison {
  const before = summarise(a.data);
  const after = summarise(b.data);
  const hosts: HostChange[] = [];
  for (const [domain, x] of before) {
    const y = after.get(domain);
    hosts.push(y ? judge(domain, x, y) : { domain, change: 'gone', a: x, why: ['not in B'] });
  }
  for (const [domain, y] of after) if (!before.has(domain)) hosts.push({ domain, change: 'new', b: y, why: ['not in A'] });
  const order = { regressed: 0, improved: 1, new: 2, gone: 3, same: 4 };
  hosts.sort((p, q) => order[p.change] - order[q.change] || (p.domain < q.domain ? -1 : p.domain > q.domain ? 1 : 0));
  return {
    kind: 'rank',
    a: { file: a.file, generatedAt: a.data.generatedAt, hosts: a.data.hosts.length },
    b: { file: b.file, generatedAt: b.data.generatedAt, hosts: b.data.hosts.length },
    hosts,
    verdict: hosts.some((h) => h.change === 'regressed') ? 'regressed' : 'ok',
  };
}

export function renderRankComparisonText(c: RankComparison): string {
  const count = (change: HostChange['change']) => c.hosts.filter((h) => h.change === change).length;
  const changed = c.hosts.filter((h) => h.change !== 'same');
  const cell = (s?: HostChange['a']) => (s ? `#${s.rank} ${s.total.toFixed(1)} ${s.c2s}/${s.s2s}` : '-');
  const table = changed.length === 0 ? 'no host changed\n' : renderTable(['change', 'host', 'A (rank score c2s/s2s)', 'B', 'why'], changed.map((h) => [h.change, terminalSafe(h.domain), cell(h.a), cell(h.b), h.why.join('; ')]));
  return (
    `A: ${c.a.file} (${c.a.hosts} hosts, ${c.a.generatedAt})\nB: ${c.b.file} (${c.b.hosts} hosts, ${c.b.generatedAt})\n\n${table}\n` +
    `${count('improved')} improved, ${count('regressed')} regressed, ${count('same')} unchanged, ${count('new')} new, ${count('gone')} gone\n`
  );
}
