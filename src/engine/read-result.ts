import { readFile } from 'node:fs/promises';
import { decodeMetrics } from '../metrics/index.js';
import { GauntletError } from '../util/errors.js';
import { RESULT_FORMAT, type RunResult } from './result.js';

/**
 * Reads a result.json written by `gauntlet run` (or merge) for report, compare and merge.
 * Refuses anything else with a config error (exit 2) that names the file; the metrics
 * section is decoded once here so a corrupt histogram is reported before any work starts.
 */
export async function readResultFile(file: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new GauntletError('usage', `cannot read ${file}: ${(cause as Error).message}`, { hint: 'pass the result.json of a run (reports/<scenario>-<timestamp>/result.json)', cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw notResult(file, 'it is not JSON', cause);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== RESULT_FORMAT) throw notResult(file, `its format is ${JSON.stringify(format)}, expected "${RESULT_FORMAT}"`);
  const result = json as RunResult;
  try {
    decodeMetrics(result.metrics);
  } catch (cause) {
    throw notResult(file, (cause as Error).message, cause);
  }
  return result;
}

function notResult(file: string, problem: string, cause?: unknown): GauntletError {
  return new GauntletError('config', `${file} is not a gauntlet result: ${problem}`, {
    hint: 'pass the result.json that `gauntlet run` wrote',
    cause,
  });
}
