import { runScenario } from '../engine/run.js';
import { checkThreshold } from '../metrics/index.js';
import { renderChecksSummary } from '../report/checks-summary.js';
import { renderRequirementsSummary, requirementsUnmet } from '../report/requirements-summary.js';
import { renderSummary } from '../report/summary.js';
import { progressObserver } from '../report/progress.js';
import { loadScenarioFile } from '../scenario/index.js';
import { writeHtmlBeside } from './commands/report.js';
import { stderrPaint, stdoutPaint } from './colours.js';
import { EXIT } from './exit-codes.js';
import { writeJunitFile } from './junit-file.js';
import { readResultFile } from '../engine/read-result.js';
import { scenarioEnvironment } from './env-option.js';
import { renderSummaryJson } from '../report/summary-json.js';
import type { RunResult } from '../engine/result.js';
import { toolVersion } from './version.js';
import { setLastWords } from './last-words.js';
import { configureScenarioLimits } from '../xmpp/limits.js';
import { basename } from 'node:path';
import { combineObservers } from '../engine/observer.js';
import { defaultOutDir } from '../engine/result.js';
import { metricsOutputs } from './metrics-outputs.js';
import { formatSegment, parseSegment } from '../util/segment.js';
import { parseStartAt, waitForStart } from './start-at.js';
import { workerChannel } from './worker-channel.js';
import { executeWithWorkers, parseWorkers } from './workers.js';

export interface ExecuteOptions {
  out?: string;
  quiet?: boolean;
  /** Also write JUnit XML here. */
  junit?: string;
  /** `-e NAME=VALUE` pairs for `${env:NAME}`. */
  env?: string[];
  /** Print a JSON summary on stdout (the human summary goes to stderr). */
  summaryJson?: boolean;
  /** `--metrics prometheus=URL` specs. */
  metrics?: string[];
  /** The `run` label of live metrics (default: the output directory's name). */
  runId?: string;
  /** `--segment I/N`: run only this share of the scenario. */
  segment?: string;
  /** `--start-at TIME`: begin the phases at this moment. */
  startAt?: string;
  /** `--workers N|auto`: fork this many worker processes, one segment each. */
  workers?: string;
}

export function exitCodeOf(result: RunResult): number {
  if (result.interrupted) return EXIT.interrupted;
  if (result.checks?.some((check) => check.verdict === 'fail') || requirementsUnmet(result.requirements)) return EXIT.checksFailed;
  if (result.thresholds.some((t) => !t.ok)) return EXIT.thresholdsFailed;
  return EXIT.ok;
}

/**
 * Loads, runs and reports one scenario file; returns the exit code. The first Ctrl-C stops
 * arrivals and closes sessions (results are still written); a second one exits at once.
 */
export async function executeScenarioFile(file: string, options: ExecuteOptions): Promise<number> {
  const workers = parseWorkers(options.workers);
  if (workers > 1) return executeWithWorkers(file, options, workers);
  const segment = options.segment === undefined ? undefined : parseSegment(options.segment);
  const startAtMs = options.startAt === undefined ? undefined : parseStartAt(options.startAt);
  const scenario = await loadScenarioFile(file, { env: scenarioEnvironment(options.env), checkThreshold });
  configureScenarioLimits(scenario.options.limits ?? {});
  const quiet = options.quiet ?? scenario.options.quiet;
  // Decided here, not by the engine, so the live metrics' run label can name it.
  const out = options.out ?? scenario.options.out ?? defaultOutDir(scenario.name, new Date());
  const live = metricsOutputs(options.metrics ?? [], scenario, { run: options.runId ?? basename(out), segment: segment && formatSegment(segment) }, process.stderr, quiet);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nstopping: closing sessions and writing results (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const worker = workerChannel(() => controller.abort());
  const say = (line: string) => void process.stderr.write(`${line}\n`);
  let forgetPartial: () => void = () => undefined;
  try {
    if (!quiet) process.stderr.write(`running ${scenario.name} (${scenario.file})\n`);
    const { result, file: resultFile } = await runScenario(scenario, {
      version: toolVersion(),
      out,
      signal: controller.signal,
      observer: combineObservers([...(worker ? [worker.observer] : quiet ? [] : [progressObserver(process.stderr, stderrPaint())]), ...live.outputs]),
      segment,
      startAtMs,
      beforePhases: worker?.beforePhases ?? (startAtMs === undefined ? undefined : (signal) => waitForStart(startAtMs, signal, say)),
      onPartial: (write) => {
        forgetPartial = setLastWords(async (internalError) => {
          const file = await write(internalError);
          await writeHtmlBeside(file);
          return file;
        });
      },
    });
    // With --summary-json, stdout carries only the JSON; people read the summary on stderr.
    const human = options.summaryJson ? process.stderr : process.stdout;
    const paint = options.summaryJson ? stderrPaint() : stdoutPaint();
    const checksText = (result.checks ? `\n${renderChecksSummary(result.checks, paint)}` : '') + (result.requirements ? `\n${renderRequirementsSummary(result.requirements, paint)}` : '');
    human.write(`\n${renderSummary(result, paint)}${checksText}\nresults: ${resultFile}\n`);
    const htmlFile = await writeHtmlBeside(resultFile, result);
    if (htmlFile) human.write(`report: ${htmlFile}\n`);
    if (options.junit) await writeJunitFile(options.junit, result);
    const aborting = result.thresholds.find((t) => t.abortedRun);
    if (aborting) process.stderr.write(`stopped early: ${aborting.metric}: ${aborting.expression} — ${aborting.note}\n`);
    if (result.stoppedEarly) process.stderr.write(`stopped early: ${result.stoppedEarly}\n`);
    const exitCode = exitCodeOf(result);
    if (options.summaryJson) process.stdout.write(renderSummaryJson(result, { exitCode, resultFile, reportFile: htmlFile }));
    return exitCode;
  } catch (error) {
    const resultFile = (error as { resultFile?: string }).resultFile;
    if (resultFile) {
      process.stderr.write(`partial results: ${resultFile}\n`);
      const htmlFile = await writeHtmlBeside(resultFile);
      if (htmlFile) process.stderr.write(`partial report: ${htmlFile}\n`);
      // CI reads the JUnit file: a run that failed must show a failing testcase there too.
      if (options.junit) await writeJunitFile(options.junit, await readResultFile(resultFile));
    }
    throw error;
  } finally {
    worker?.close();
    await live.close();
    forgetPartial();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
