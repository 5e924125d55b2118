/** Reads a scenario: YAML → env substitution → schema → cross-field rules → decode → defaults → freeze. */
import { readFile } from 'node:fs/promises';
import { Value } from '@sinclair/typebox/value';
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { GauntletError } from '../util/errors.js';
import { substituteEnvironment, type Environment } from './env.js';
import { explainErrors, type Issue } from './explain.js';
import { deepFreeze } from './freeze.js';
import { resolveDefaults } from './defaults.js';
import { SourcePositions } from './positions.js';
import { ScenarioError, type Problem } from './problems.js';
import { EXTENSION_PREFIX, ScenarioSchema } from './schema/scenario.js';
import { checkSemantics, type ThresholdCheck } from './semantics.js';
import type { Scenario } from './types.js';

export interface LoadOptions {
  /** Values for `${env:NAME}`; the CLI passes process.env. Without it every reference is an error. */
  env?: Environment;
  /** Validates one threshold expression (metrics/thresholds); without it expressions are only checked to be strings. */
  checkThreshold?: ThresholdCheck;
}

function syntaxProblem(error: YAMLError, lines: LineCounter): Problem {
  return { ...lines.linePos(error.pos[0]), path: [], message: `YAML syntax: ${error.message.split('\n')[0]}` };
}

/** The top-level map, with `x-` keys (homes for YAML anchors) left out. */
function toPlainValue(doc: Document, fileName: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias problems found while resolving (bad merge source, alias bomb) carry no position.
    throw new ScenarioError(fileName, [{ line: 1, col: 1, path: [], message: `YAML: ${(error as Error).message}`, hint: 'check the anchors (&name) and aliases (*name)' }]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const message = raw == null ? 'the scenario is empty' : 'expected a map of sections at the top level';
    throw new ScenarioError(fileName, [{ line: 1, col: 1, path: [], message, hint: 'a scenario has target:, accounts:, flow: and optionally load:, thresholds:, options:' }]);
  }
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith(EXTENSION_PREFIX)));
}

/** Parses and validates scenario text; `fileName` is used in messages and to resolve relative paths. */
export function loadScenarioText(text: string, fileName: string, options: LoadOptions = {}): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new ScenarioError(fileName, doc.errors.map((error) => syntaxProblem(error, lines)));

  const positions = new SourcePositions(doc, lines);
  const unresolved = substituteEnvironment(doc.contents, options.env ?? {});
  const problems: Problem[] = unresolved.map(({ path, message, hint }) => ({ ...positions.locate(path), path, message, hint }));
  // A value whose substitution failed is already reported; its schema errors would only repeat it.
  const failed = new Set(unresolved.map(({ path }) => path.join('\0')));
  const raw = toPlainValue(doc, fileName);

  const issues: Issue[] = [
    ...explainErrors(Value.Errors(ScenarioSchema, raw), raw),
    ...checkSemantics(raw, options.checkThreshold),
  ].filter(({ path }) => !failed.has(path.join('\0')));
  problems.push(...issues.map(({ path, anchor, message, hint }) => ({ ...positions.locate(path, anchor), path, message, hint })));
  if (problems.length > 0) throw new ScenarioError(fileName, problems);

  return deepFreeze(resolveDefaults(Value.Decode(ScenarioSchema, raw), fileName)) as Scenario;
}

export async function loadScenarioFile(path: string, options: LoadOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GauntletError('config', `cannot read scenario ${path}: ${(error as Error).message}`, {
      hint: 'check the path; bundled examples are under scenarios/',
      cause: error,
    });
  }
  return loadScenarioText(text, path, options);
}
