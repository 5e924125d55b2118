import type { CheckResult } from '../../checks/types.js';
import type { RunResult } from '../../engine/result.js';
import { checkTestcase, thresholdTestcase, type JunitTestcase } from './testcases.js';
import { cdata, escapeXmlText, startTag } from './xml.js';

/** What the JUnit report needs of a run; a RunResult (with or without checks) provides it. */
export type JunitSource = Pick<RunResult, 'scenario' | 'timings' | 'thresholds'> & { readonly checks?: readonly CheckResult[]; readonly requirements?: readonly CheckResult[] };

interface Suite {
  readonly name: string;
  readonly testcases: readonly JunitTestcase[];
}

/**
 * The run as JUnit XML (the schema Jenkins, GitLab and GitHub test reporters read, see
 * docs/junit.md): a `conformance` suite with one testcase per check and a `thresholds` suite
 * with one per threshold expression. Pure: returns the document.
 */
export function renderJunit(source: JunitSource): string {
  const suites: Suite[] = [
    { name: 'conformance', testcases: (source.checks ?? []).map(checkTestcase) },
    { name: 'requirements', testcases: (source.requirements ?? []).map(checkTestcase) },
    { name: 'thresholds', testcases: source.thresholds.map(thresholdTestcase) },
  ].filter((suite) => suite.testcases.length > 0);
  const all = suites.flatMap((suite) => suite.testcases);
  const seconds = formatSeconds(source.timings.durationMs / 1000);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    startTag('testsuites', { name: `xmpp-gauntlet ${scenarioName(source.scenario)}`, tests: all.length, failures: count(all, 'failure'), errors: count(all, 'error'), time: seconds }),
    ...suites.flatMap((suite) => renderSuite(suite, source.timings.startedAt, seconds)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function renderSuite(suite: Suite, timestamp: string, seconds: string): string[] {
  const { testcases } = suite;
  const attributes = {
    name: suite.name,
    tests: testcases.length,
    failures: count(testcases, 'failure'),
    errors: count(testcases, 'error'),
    skipped: count(testcases, 'skipped'),
    // Wall-clock time of the run: checks run concurrently, so their durations add up to more.
    time: seconds,
    timestamp: timestamp || undefined,
  };
  return [`  ${startTag('testsuite', attributes)}`, ...testcases.map(renderTestcase), '  </testsuite>'];
}

function renderTestcase(testcase: JunitTestcase): string {
  const time = testcase.timeSeconds === undefined ? undefined : formatSeconds(testcase.timeSeconds);
  const open = startTag('testcase', { classname: testcase.classname, name: testcase.name, time });
  const children: string[] = [];
  const { outcome } = testcase;
  if (outcome.kind === 'failure' || outcome.kind === 'error') {
    children.push(`${startTag(outcome.kind, { message: outcome.message, type: outcome.type })}${cdata(outcome.body)}</${outcome.kind}>`);
  } else if (outcome.kind === 'skipped') {
    children.push(startTag('skipped', { message: outcome.message }, true));
  }
  if (testcase.systemOut !== undefined) children.push(`<system-out>${escapeXmlText(testcase.systemOut)}</system-out>`);
  if (children.length === 0) return `    ${open.slice(0, -1)}/>`;
  return [`    ${open}`, ...children.map((child) => `      ${child}`), '    </testcase>'].join('\n');
}

function count(testcases: readonly JunitTestcase[], kind: 'failure' | 'error' | 'skipped'): number {
  return testcases.filter((testcase) => testcase.outcome.kind === kind).length;
}

/** Seconds with millisecond precision, no exponent: what every JUnit reader parses. */
function formatSeconds(seconds: number): string {
  return Math.max(0, seconds).toFixed(3);
}

function scenarioName(scenario: unknown): string {
  const name = (scenario as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'run';
}
