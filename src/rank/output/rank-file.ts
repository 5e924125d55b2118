/** rank.json: what one `gauntlet rank` run concluded, per host its facts, grades and evidence. */
import type { HostFacts } from '../facts.js';
import type { HostGrades } from '../grade/index.js';

export const RANK_FILE_KIND = 'gauntlet-rank';

export interface RankRunMeta {
  generatedAt: string;
  toolVersion: string;
  /** Hosts listed, and those not probed because the run was stopped (SIGINT). */
  listed: number;
  notFinished: number;
  interrupted: boolean;
}

export interface RankedHost {
  rank: number;
  domain: string;
  total: number;
  grades: HostGrades;
  facts: HostFacts;
}

export interface RankFile extends RankRunMeta {
  kind: typeof RANK_FILE_KIND;
  version: 1;
  rubric: string;
  hosts: RankedHost[];
}

/** The file is written one host at a time: this is everything before the first host. */
export function rankFileHead(meta: RankRunMeta): string {
  const head = { kind: RANK_FILE_KIND, version: 1, rubric: 'docs/rank.md', ...meta };
  return `${JSON.stringify(head).slice(0, -1)},"hosts":[\n`;
}

export function rankFileEntry(host: RankedHost, first: boolean): string {
  return `${first ? '' : ',\n'}${JSON.stringify(host)}`;
}

export const RANK_FILE_TAIL = '\n]}\n';

export function isRankFile(data: unknown): data is RankFile {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === RANK_FILE_KIND;
}
