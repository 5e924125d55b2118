/**
 * `gauntlet run FILE --workers N`: N worker processes on this machine, worker i running
 * `--segment i/N`. They set up on their own (accounts, sessions), start their phases together
 * when all are ready, report progress over IPC (one combined line here), and their results are
 * merged into one, written like a normal run's. Ctrl-C is passed on once; a crashed worker is
 * named and the others' results are still merged (as a partial run).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeResults } from '../engine/merge-results.js';
import { describeCoverage } from '../engine/merge-segments.js';
import { readResultFile } from '../engine/read-result.js';
import { defaultOutDir, writeResult } from '../engine/result.js';
import { checkSegmentable } from '../engine/segment-run.js';
import { checkThreshold } from '../metrics/index.js';
import { fitWidth, renderProgress } from '../report/progress.js';
import { renderSummary } from '../report/summary.js';
import { renderSummaryJson } from '../report/summary-json.js';
import { loadScenarioFile } from '../scenario/index.js';
import { GauntletError } from '../util/errors.js';
import { terminalSafe } from '../util/terminal-text.js';
import { writeHtmlBeside } from './commands/report.js';
import { stderrPaint, stdoutPaint } from './colours.js';
import { scenarioEnvironment } from './env-option.js';
import { EXIT } from './exit-codes.js';
import { exitCodeOf, type ExecuteOptions } from './execute.js';
import { writeJunitFile } from './junit-file.js';
import { WORKER_ENV, type FromWorker, type ToWorker, type WorkerProgress } from './worker-channel.js';

const BIN = fileURLToPath(new URL('../../bin/gauntlet', import.meta.url));
const STDERR_TAIL = 4000;
/** A worker that exits with one of these could not start its run (bad input, no server, ...): that is the run's exit code too. */
const SET_UP_FAILURES: readonly number[] = [EXIT.usage, EXIT.unreachable, EXIT.environment, EXIT.loginRefused];
/** Workers all ready: their phases start this long after, so the start message reaches each. */
const START_DELAY_MS = 250;

export function parseWorkers(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text === 'auto') return availableParallelism();
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(count >= 1 && count <= 1024)) throw new GauntletError('usage', `--workers ${JSON.stringify(text)} is not a number of processes`, { hint: 'give a number from 1, or auto (one per core)' });
  return count;
}

interface Worker {
  readonly index: number;
  readonly child: ChildProcess;
  readonly out: string;
  progress?: WorkerProgress;
  ready: boolean;
  stderr: string;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

/** The run's own flags a worker needs too: `-e` values and `--limit` bounds. */
function passedOn(options: ExecuteOptions & { limit?: Record<string, number> }): string[] {
  return [...(options.env ?? []).flatMap((pair) => ['-e', pair]), ...Object.entries(options.limit ?? {}).flatMap(([name, value]) => ['--limit', `${name}=${value}`])];
}

function startWorker(file: string, options: ExecuteOptions, index: number, count: number, out: string): Worker {
  // Live metrics: every worker pushes its own share, labelled with its segment and the parent's run id.
  const live = [...(options.metrics ?? []).flatMap((spec) => ['--metrics', spec]), '--run-id', options.runId ?? basename(dirname(out))];
  const args = ['run', file, '--segment', `${index}/${count}`, '--out', out, '--quiet', ...passedOn(options), ...live];
  // Its own process group: a terminal's Ctrl-C reaches only the parent, which passes it on once.
  const child = fork(BIN, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, [WORKER_ENV]: '1' } });
  const worker: Worker = { index, child, out, ready: false, stderr: '' };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (worker.stderr = (worker.stderr + chunk).slice(-STDERR_TAIL)));
  return worker;
}

function combinedLine(workers: readonly Worker[], messagesPerSecond: number): string | undefined {
  const reports = workers.flatMap((worker) => (worker.progress ? [worker.progress] : []));
  const lead = reports.reduce<WorkerProgress | undefined>((a, b) => (!a || b.phaseIndex > a.phaseIndex ? b : a), undefined);
  if (!lead) return undefined;
  const line = renderProgress(
    {
      phase: lead.phase,
      phaseIndex: lead.phaseIndex,
      phaseCount: lead.phaseCount,
      elapsedMs: Date.now() - lead.phaseStartedMs,
      plannedMs: lead.plannedMs,
      users: reports.reduce((sum, r) => sum + r.users, 0),
      messagesPerSecond,
      errors: reports.reduce((sum, r) => sum + r.errors, 0),
    },
    stderrPaint(),
  );
  return `${line}  workers ${workers.filter((w) => !w.exit).length}/${workers.length}`;
}

/** One line a second on a terminal (every 5 s elsewhere) from the workers' latest snapshots. */
function showProgress(workers: readonly Worker[]): () => void {
  const tty = process.stderr.isTTY === true;
  let lastSent = 0;
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const sent = workers.reduce((sum, w) => sum + (w.progress?.messagesSent ?? 0), 0);
    const line = combinedLine(workers, ((sent - lastSent) * 1000) / Math.max(1, Date.now() - lastAt));
    [lastSent, lastAt] = [sent, Date.now()];
    if (line) process.stderr.write(tty ? `\r\x1b[2K${fitWidth(line, process.stderr.columns)}` : `${line}\n`);
  }, tty ? 1000 : 5000);
  return () => {
    clearInterval(timer);
    if (tty) process.stderr.write('\r\x1b[2K');
  };
}

function describeExit(worker: Worker, count: number): string {
  const how = worker.exit?.signal ? `was killed by ${worker.exit.signal}` : `exited with code ${worker.exit?.code}`;
  const tail = terminalSafe(worker.stderr.trim().split('\n').slice(-5).join('\n'));
  return `worker ${worker.index}/${count} (pid ${worker.child.pid}) ${how}${tail ? `:\n  ${tail.replace(/\n/g, '\n  ')}` : ''}`;
}

export async function executeWithWorkers(file: string, options: ExecuteOptions, count: number): Promise<number> {
  if (options.segment !== undefined || options.startAt !== undefined) throw new GauntletError('usage', '--workers cannot be combined with --segment or --start-at', { hint: 'the workers are segments of this run and start together on their own' });
  const scenario = await loadScenarioFile(file, { env: scenarioEnvironment(options.env), checkThreshold });
  checkSegmentable(scenario, { index: 1, count });
  const quiet = options.quiet ?? scenario.options.quiet;
  const dir = options.out ?? scenario.options.out ?? defaultOutDir(scenario.name, new Date());
  if (!quiet) process.stderr.write(`running ${scenario.name} (${scenario.file}) in ${count} worker processes\n`);
  const workers = Array.from({ length: count }, (_, i) => startWorker(file, options, i + 1, count, join(dir, `segment-${i + 1}-of-${count}`)));
  const stopAll = (signal: NodeJS.Signals) => workers.forEach((w) => !w.exit && w.child.kill(signal));
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) {
      stopAll('SIGKILL');
      process.exit(EXIT.interrupted);
    }
    interrupted = true;
    process.stderr.write('\nstopping the workers: closing sessions and writing results (Ctrl-C again to quit at once)\n');
    stopAll('SIGINT');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopProgress = quiet ? () => undefined : showProgress(workers);
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
      worker.child.on('message', (message: FromWorker) => {
        if (message.type === 'progress') worker.progress = message;
        if (message.type !== 'ready') return;
        worker.ready = true;
        const start: ToWorker = { type: 'start', atMs: Date.now() + START_DELAY_MS };
        if (workers.every((w) => w.ready)) workers.forEach((w) => w.child.connected && w.child.send(start));
      });
      worker.child.on('exit', (code, signal) => {
        worker.exit = { code, signal };
        // A worker that ends before the phases began would hold the others at the start line.
        if (!workers.every((w) => w.ready) && !interrupted) stopAll('SIGINT');
        resolve();
      });
    })));
  } finally {
    stopProgress();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return mergeWorkers(workers, dir, options, count);
}

async function mergeWorkers(workers: readonly Worker[], dir: string, options: ExecuteOptions, count: number): Promise<number> {
  const shards = [];
  const failed: Worker[] = [];
  for (const worker of workers) {
    const resultFile = join(worker.out, 'result.json');
    const result = await readResultFile(resultFile).catch(() => undefined);
    if (result) shards.push({ file: resultFile, result });
    const known = [EXIT.ok, EXIT.checksFailed, EXIT.thresholdsFailed, EXIT.interrupted] as number[];
    if (!result || worker.exit?.signal || !known.includes(worker.exit?.code ?? -1)) failed.push(worker);
  }
  for (const worker of failed) process.stderr.write(`${describeExit(worker, count)}\n`);
  if (shards.length === 0) return failed[0]?.exit?.code && failed[0].exit.code !== EXIT.ok ? failed[0].exit.code : EXIT.internal;
  const merged = mergeResults(shards, { allowPartial: true });
  const resultFile = await writeResult(dir, merged);
  const human = options.summaryJson ? process.stderr : process.stdout;
  const partial = describeCoverage(merged.segments);
  human.write(`\n${renderSummary(merged, options.summaryJson ? stderrPaint() : stdoutPaint())}\n${partial ? `${partial}\n` : ''}results: ${resultFile} (merged from ${shards.length} of ${count} workers)\n`);
  const htmlFile = await writeHtmlBeside(resultFile, merged);
  if (htmlFile) human.write(`report: ${htmlFile}\n`);
  if (options.junit) await writeJunitFile(options.junit, merged);
  const exitCode = failed.length > 0 ? (failed.find((w) => SET_UP_FAILURES.includes(w.exit?.code ?? -1))?.exit?.code ?? EXIT.internal) : exitCodeOf(merged);
  if (options.summaryJson) process.stdout.write(renderSummaryJson(merged, { exitCode, resultFile, reportFile: htmlFile }));
  return exitCode;
}
