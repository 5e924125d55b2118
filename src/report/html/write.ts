import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunResult } from '../../engine/result.js';
import { renderHtmlReport } from './render.js';

/** Where `gauntlet run` puts the HTML report: `report.html` beside `result.json`. */
export function htmlReportBeside(resultFile: string): string {
  return join(dirname(resultFile), 'report.html');
}

/** Renders `result` and writes it to `file` (its folder created if needed); returns the path. */
export async function writeHtmlReport(file: string, result: RunResult): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderHtmlReport(result));
  return file;
}
