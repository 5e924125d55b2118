import { chalkStderr, default as chalk } from 'chalk';
import { runScenario } from '../engine/run.js';
import { checkThreshold } from '../metrics/index.js';
import { renderSummary } from '../report/summary.js';
import { progressObserver } from '../report/progress.js';
import { loadScenarioFile } from '../scenario/index.js';
import { EXIT } from './exit-codes.js';
import { toolVersion } from './version.js';

export interface ExecuteOptions {
  out?: string;
  quiet?: boolean;
}

/**
 * Loads, runs and reports one scenario file; returns the exit code. The first Ctrl-C stops
 * arrivals and closes sessions (results are still written); a second one exits at once.
 */
export async function executeScenarioFile(file: string, options: ExecuteOptions): Promise<number> {
  const scenario = await loadScenarioFile(file, { env: process.env, checkThreshold });
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nstopping: closing sessions and writing results (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const quiet = options.quiet ?? scenario.options.quiet;
    if (!quiet) process.stderr.write(`running ${scenario.name} (${scenario.file})\n`);
    const { result, file: resultFile } = await runScenario(scenario, {
      version: toolVersion(),
      out: options.out ?? scenario.options.out,
      signal: controller.signal,
      observer: quiet ? undefined : progressObserver(process.stderr, chalkStderr),
    });
    process.stdout.write(`\n${renderSummary(result, chalk)}\nresults: ${resultFile}\n`);
    if (result.interrupted) return EXIT.interrupted;
    if (result.thresholds.some((t) => !t.ok)) return EXIT.thresholdsFailed;
    return EXIT.ok;
  } catch (error) {
    const resultFile = (error as { resultFile?: string }).resultFile;
    if (resultFile) process.stderr.write(`partial results: ${resultFile}\n`);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
