import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderJunit, type JunitSource } from '../report/junit/render.js';

/** `--junit FILE`: writes the JUnit XML of a run (docs/junit.md), creating the directory. */
export async function writeJunitFile(file: string, source: JunitSource): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderJunit(source));
}

export const JUNIT_OPTION_HELP = 'also write the checks and thresholds as JUnit XML to FILE (for CI test reports)';
