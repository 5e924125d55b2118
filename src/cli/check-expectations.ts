/** `gauntlet check --expect / --write-expect`: a CI gate that tolerates known failures. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diffVerdicts, expectationsOf, parseExpectations, renderExpectations, renderVerdictChanges, type Expectations } from '../checks/expectations.js';
import type { RunResult } from '../engine/result.js';
import { GauntletError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';

/** Read before anything runs, so a bad file stops the command at once. */
export async function readExpectationsFile(file: string): Promise<Expectations> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new GauntletError('usage', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseExpectations(text, file);
}

export async function writeExpectationsFile(file: string, result: RunResult): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderExpectations(result.checks ?? [], result.target.domain));
}

/** Prints how the verdicts moved; exit 1 only when one got worse than expected. */
export function gateOnExpectations(expected: Expectations, result: RunResult, write: (text: string) => void): number {
  const diff = diffVerdicts(expected, expectationsOf(result.checks ?? []));
  write(renderVerdictChanges(diff, 'against the expectations'));
  return diff.worse.length > 0 ? EXIT.checksFailed : EXIT.ok;
}
