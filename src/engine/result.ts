import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../checks/types.js';
import type { MetricsJson, ThresholdResult } from '../metrics/index.js';
import type { ErrorsJson } from './error-log.js';
import type { TargetSummary } from './target.js';

export const RESULT_FORMAT = 'xmpp-gauntlet/result@1';

export interface PhaseTiming {
  name: string;
  executor: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
}

/** Everything one run produced: result.json is exactly this object. */
export interface RunResult {
  format: typeof RESULT_FORMAT;
  tool: { name: 'xmpp-gauntlet'; version: string };
  /** The scenario as loaded, secrets replaced by '***'. */
  scenario: unknown;
  environment: { node: string; platform: string; arch: string; cpus: number; memoryBytes: number };
  target: TargetSummary;
  /** `durationMs` covers the whole run (lab start, accounts, cleanup); `loadMs` only the phases. */
  timings: { startedAt: string; endedAt: string; durationMs: number; loadMs: number; phases: PhaseTiming[] };
  metrics: MetricsJson;
  thresholds: ThresholdResult[];
  errors: ErrorsJson;
  /** True when SIGINT (or another abort) stopped the run early. */
  interrupted: boolean;
  /** Why the run stopped before its phases ended on its own ("target went away: ..."). */
  stoppedEarly?: string;
  /** Conformance check results in catalogue order, when the run included checks (docs/result-format.md). */
  checks?: CheckResult[];
  /** Deployment requirements asked for (`--require`, `checks.require`), apart from the RFC verdicts: pass = present, fail = absent. */
  requirements?: CheckResult[];
  /** What each phase recorded, by phase label; only when a threshold names a phase (merge judges them again). */
  phaseMetrics?: Record<string, MetricsJson>;
  /** Stable hash of the scenario run (secrets left out): shards of one test share it (docs/segments.md). */
  scenarioDigest?: string;
  /** The share of the scenario this run was (`--segment I/N` with N > 1). */
  segment?: { index: number; count: number };
  /** When the phases were to start (`--start-at`), ISO 8601. */
  startAt?: string;
  /** A merge of segments: which ones it holds of how many. */
  segments?: { merged: number[]; count: number; partial: boolean };
}

export function environment(): RunResult['environment'] {
  return { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, memoryBytes: totalmem() };
}

/** Writes result.json into `dir` (created if needed) and returns its path. */
export async function writeResult(dir: string, result: RunResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'result.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** `reports/<scenario>-<UTC timestamp>` under the current directory. */
export function defaultOutDir(scenarioName: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const safeName = scenarioName.replace(/[^A-Za-z0-9._-]+/g, '-');
  return join('reports', `${safeName}-${stamp}`);
}
