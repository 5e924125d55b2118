/** A problem found in a scenario file, and the error that carries all of them at once. */
import { GauntletError } from '../util/errors.js';

export type PathSegment = string | number;

export interface Problem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  path: readonly PathSegment[];
  message: string;
  hint?: string;
}

/** `flow[2].message.to`, quoting keys that are not plain words (`flow[0]['roster.get']`). */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `['${segment.replace(/'/g, "\\'")}']`;
  }
  return text;
}

export function formatProblem(file: string, problem: Problem): string {
  const hint = problem.hint === undefined ? '' : ` (${problem.hint})`;
  const where = problem.path.length === 0 ? '' : `${formatPath(problem.path)}: `;
  return `${file}:${problem.line}:${problem.col}: ${where}${problem.message}${hint}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .filter((problem) => {
      const key = `${problem.line}:${problem.col}:${formatPath(problem.path)}:${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Thrown by the loader: the message lists every problem, one per line, in file order. */
export class ScenarioError extends GauntletError {
  readonly file: string;
  readonly problems: readonly Problem[];

  constructor(file: string, problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    const lines = sorted.map((problem) => `  ${formatProblem(file, problem)}`);
    super('config', `${file}: ${count}:\n${lines.join('\n')}`, {
      hint: 'fix the lines above; docs/scenario.md describes the format and `gauntlet schema` prints a JSON Schema for editor completion',
    });
    this.name = 'ScenarioError';
    this.file = file;
    this.problems = sorted;
  }
}
