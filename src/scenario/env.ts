/**
 * `${env:NAME}` substitution in string values, done on the YAML nodes so problems keep their
 * position. The environment is passed in: library code never reads process.env itself.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { PathSegment } from './problems.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface SubstitutionProblem {
  path: PathSegment[];
  range: readonly number[] | null | undefined;
  message: string;
  hint: string;
}

const REFERENCE = /\$?\$\{([^}]*)\}/g;
const ENV_NAME = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Replaces references in every string value under `node` (in place); returns what could not be resolved. */
export function substituteEnvironment(node: unknown, env: Environment, path: PathSegment[] = []): SubstitutionProblem[] {
  if (isMap(node)) {
    return node.items.flatMap((pair) =>
      isScalar(pair.key) ? substituteEnvironment(pair.value, env, [...path, String(pair.key.value)]) : [],
    );
  }
  if (isSeq(node)) return node.items.flatMap((item, index) => substituteEnvironment(item, env, [...path, index]));
  if (!isScalar(node) || typeof node.value !== 'string') return [];

  const problems: SubstitutionProblem[] = [];
  node.value = node.value.replace(REFERENCE, (whole: string, inner: string) => {
    if (whole.startsWith('$$')) return whole.slice(1);
    const name = ENV_NAME.exec(inner)?.[1];
    const value = name === undefined ? undefined : env[name];
    if (value !== undefined) return value;
    problems.push(
      name === undefined
        ? { path, range: node.range, message: `unknown reference '${whole}'`, hint: `write \${env:${inner || 'NAME'}} for an environment variable, or $\${ for a literal \${` }
        : { path, range: node.range, message: `environment variable ${name} is not set`, hint: `set ${name} before running, or write the value directly` },
    );
    return whole;
  });
  return problems;
}
