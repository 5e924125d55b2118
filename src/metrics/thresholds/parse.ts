import { parseDuration } from '../../util/duration.js';
import { GauntletError, isGauntletError } from '../../util/errors.js';
import { suggestionHint } from '../../util/suggest.js';
import { canonicalKey, metricKey, parseMetricKey } from '../labels.js';
import { KNOWN_METRICS } from '../names.js';
import { ThresholdSyntaxError } from './errors.js';
import { tokenize, TokenError, type Token } from './tokens.js';
import type { Aggregation, AggregationKind, Threshold, ThresholdRuleInput } from './types.js';

/** The `thresholds:` map of a scenario: metric key → one expression or a list (with options or not). */
export type ThresholdSpec = Readonly<Record<string, string | ThresholdRuleInput | readonly (string | ThresholdRuleInput)[]>>;

const PLAIN_AGGREGATIONS = new Set<AggregationKind>(['avg', 'min', 'max', 'med', 'count', 'rate', 'value']);
/** Aggregations whose limit is a plain number: a duration unit there is a mistake. */
const UNITLESS = new Set<AggregationKind>(['count', 'rate', 'value', 'ratio']);
const MISSPELLINGS: Readonly<Record<string, string>> = {
  mean: 'write avg for the mean',
  average: 'write avg for the mean',
  median: 'write med for the median',
  percentile: 'write p(95) for the 95th percentile',
  total: 'write count for the total',
};
const AGGREGATION_HINT = 'start with p(95), avg, min, max, med, count, rate, value or ratio(other_counter)';

/** Parses every threshold, collecting all problems instead of stopping at the first. */
export function parseThresholds(spec: ThresholdSpec): { thresholds: Threshold[]; problems: GauntletError[] } {
  const thresholds: Threshold[] = [];
  const problems: GauntletError[] = [];
  for (const [metric, expressions] of Object.entries(spec)) {
    const list: readonly unknown[] = Array.isArray(expressions) ? expressions : [expressions];
    for (const rule of list) {
      try {
        const options = isRule(rule) ? rule : undefined;
        thresholds.push(parseThreshold(metric, options ? options.expression : (rule as string), options));
      } catch (error) {
        if (!isGauntletError(error)) throw error;
        problems.push(error);
      }
    }
  }
  return { thresholds, problems };
}

/**
 * Every path that runs or judges thresholds (a run, a merge) goes through here: a threshold that
 * does not parse or names an unknown metric stops it, all problems listed.
 */
export function parseThresholdsOrThrow(spec: ThresholdSpec): Threshold[] {
  const { thresholds, problems } = parseThresholds(spec);
  if (problems.length === 0) return thresholds;
  const list = problems.map((problem) => `  ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`).join('\n');
  throw new GauntletError('config', `${problems.length} threshold${problems.length === 1 ? '' : 's'} cannot be used:\n${list}`, {
    hint: 'docs/thresholds.md lists the syntax and the metric names',
  });
}

/**
 * For the scenario loader, which checks thresholds one by one: the problem with its column and
 * hint, or undefined when the threshold parses and names a known metric.
 */
export function checkThreshold(expression: string, metric: string): string | undefined {
  try {
    parseThreshold(metric, expression);
    return undefined;
  } catch (error) {
    if (error instanceof ThresholdSyntaxError) return error.column === 0 ? `${error.problem}; ${error.hint}` : `${error.problem} at column ${error.column}; ${error.hint}`;
    throw error;
  }
}

/** Thresholds on a metric no run records would pass (or be n/a) forever: refuse them. */
function requireKnownMetric(metric: string, expression: string, name: string): void {
  if (KNOWN_METRICS.includes(name)) return;
  throw new ThresholdSyntaxError(metric, expression, 0, `unknown metric '${name}'`, suggestionHint(name, KNOWN_METRICS, 'known metrics'));
}

function isRule(rule: unknown): rule is ThresholdRuleInput {
  return typeof rule === 'object' && rule !== null && typeof (rule as ThresholdRuleInput).expression === 'string';
}

/** Parses `p(99) < 500ms` for a metric; throws ThresholdSyntaxError with a column and a hint. */
export function parseThreshold(metric: string, expression: string, options: Omit<ThresholdRuleInput, 'expression'> = {}): Threshold {
  const key = canonicalKey(metric);
  const { name, labels } = parseMetricKey(key);
  const { phase, ...otherLabels } = labels;
  const fail = (column: number, problem: string, hint: string) =>
    new ThresholdSyntaxError(metric, expression, column, problem, hint);
  requireKnownMetric(metric, expression, name);
  if (typeof expression !== 'string') {
    throw fail(1, 'a threshold must be a string', `write it as text, e.g. 'p(99) < 500ms'`);
  }
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch (error) {
    if (error instanceof TokenError) throw fail(error.column, error.message, error.hint);
    throw error;
  }
  const reader = new TokenReader(tokens);
  const aggregation = readAggregation(reader, fail);
  const comparisonToken = reader.next();
  if (comparisonToken.kind !== 'comparison') {
    throw fail(comparisonToken.column, `expected a comparison, found ${describe(comparisonToken)}`, 'use <, <=, >, >=, == or !=');
  }
  const limitToken = reader.next();
  if (limitToken.kind !== 'number') {
    throw fail(limitToken.column, `expected a number, found ${describe(limitToken)}`, 'write a limit such as 500ms, 1.5s, 100 or 1%');
  }
  const { limit, limitHasUnit } = readLimit(limitToken, aggregation.kind, fail);
  const rest = reader.next();
  if (rest.kind !== 'end') {
    const hint = rest.kind === 'word' ? 'write the unit right after the number, without a space: 500ms' : 'one comparison per threshold: add another list entry for a second one';
    throw fail(rest.column, `unexpected ${describe(rest)} after the limit`, hint);
  }
  return {
    metric: key,
    selector: metricKey(name, otherLabels),
    ...(phase === undefined ? {} : { phase }),
    expression,
    aggregation,
    comparison: comparisonToken.text,
    limit,
    limitHasUnit,
    abortOnFail: options.abortOnFail ?? false,
    delayAbortEvalMs: options.delayAbortEvalMs ?? 0,
  };
}

type Fail = (column: number, problem: string, hint: string) => ThresholdSyntaxError;

function readAggregation(reader: TokenReader, fail: Fail): Aggregation {
  const word = reader.next();
  if (word.kind !== 'word') throw fail(word.column, `expected an aggregation, found ${describe(word)}`, AGGREGATION_HINT);
  const name = word.text;
  const hasArgument = reader.peek().kind === '(';
  if (name === 'p') {
    const value = readArgument(reader, fail, 'number', 'write the percentile in parentheses: p(99)');
    const percentile = Number(value.text);
    if (!(percentile >= 0 && percentile <= 100) || !/^[\d.]+$/.test(value.text)) {
      throw fail(value.column, `percentile ${value.text} is not between 0 and 100`, 'write p(50), p(95), p(99.9)');
    }
    return { kind: 'percentile', percentile };
  }
  if (name === 'ratio') {
    const other = readArgument(reader, fail, 'word', 'name the counter to divide by: ratio(stanzas_sent)');
    let denominator: string;
    try {
      denominator = canonicalKey(other.text);
    } catch {
      throw fail(other.column, `"${other.text}" is not a metric name`, 'name the counter to divide by: ratio(stanzas_sent)');
    }
    const name = parseMetricKey(denominator).name;
    if (!KNOWN_METRICS.includes(name)) throw fail(other.column, `unknown metric '${name}'`, suggestionHint(name, KNOWN_METRICS, 'known metrics'));
    return { kind: 'ratio', denominator };
  }
  if (name === 'rate' && hasArgument) {
    throw fail(word.column, 'rate takes no argument', 'rate is per second; for a fraction of another counter write ratio(other_counter)');
  }
  const kind = name as AggregationKind;
  if (PLAIN_AGGREGATIONS.has(kind)) {
    if (hasArgument) throw fail(reader.peek().column, `${name} takes no argument`, AGGREGATION_HINT);
    return { kind } as Aggregation;
  }
  const percentileShorthand = /^p(\d+(?:\.\d+)?)$/.exec(name);
  if (percentileShorthand) throw fail(word.column, `unknown aggregation "${name}"`, `write p(${percentileShorthand[1]})`);
  throw fail(word.column, `unknown aggregation "${name}"`, MISSPELLINGS[name] ?? AGGREGATION_HINT);
}

function readArgument(reader: TokenReader, fail: Fail, kind: 'number' | 'word', hint: string): Token {
  const open = reader.next();
  if (open.kind !== '(') throw fail(open.column, `expected "(", found ${describe(open)}`, hint);
  const argument = reader.next();
  if (argument.kind !== kind) throw fail(argument.column, `expected a ${kind === 'word' ? 'metric name' : 'number'}, found ${describe(argument)}`, hint);
  const close = reader.next();
  if (close.kind !== ')') throw fail(close.column, `expected ")", found ${describe(close)}`, hint);
  return argument;
}

function readLimit(token: Token, aggregation: AggregationKind, fail: Fail): { limit: number; limitHasUnit: boolean } {
  const text = token.text;
  if (/^[\d.]+$/.test(text)) return { limit: Number(text), limitHasUnit: false };
  if (text.endsWith('%')) {
    if (aggregation !== 'ratio') throw fail(token.column, `a percentage only fits ratio(...)`, 'write latencies with a unit (500ms) and counts as plain numbers');
    return { limit: Number(text.slice(0, -1)) / 100, limitHasUnit: false };
  }
  if (UNITLESS.has(aggregation)) {
    throw fail(token.column, `${aggregation} is not a duration, so "${text}" cannot have a unit`, aggregation === 'ratio' ? 'write a fraction (0.01) or a percentage (1%)' : 'write a plain number');
  }
  try {
    return { limit: parseDuration(text), limitHasUnit: true };
  } catch {
    const unit = text.replace(/^[\d.]+/, '');
    throw fail(token.column, `unknown unit in "${text}"`, `"${unit}" is not one of us, µs, ms, s, m, h (a bare number is ms)`);
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : `"${token.text}"`;
}

class TokenReader {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  peek(): Token {
    return this.tokens[this.index]!;
  }
}

