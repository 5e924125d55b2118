import type { Command } from 'commander';
import { stdoutPaint } from '../colours.js';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeResults } from '../../engine/merge-results.js';
import { describeCoverage } from '../../engine/merge-segments.js';
import { readResultFile } from '../../engine/read-result.js';
import { writeResult } from '../../engine/result.js';
import { writeHtmlReport } from '../../report/html/write.js';
import { renderSummary } from '../../report/summary.js';
import { EXIT } from '../exit-codes.js';
import { JUNIT_OPTION_HELP, writeJunitFile } from '../junit-file.js';

interface MergeFlags {
  out: string;
  junit?: string;
  partial?: boolean;
}

/** A directory stands for the result.json files of its sub-directories (one per shard), or its own. */
async function resultFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (!(await stat(path).catch(() => undefined))?.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    const inside: string[] = [];
    for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = join(path, entry.name, 'result.json');
      if (await stat(file).catch(() => undefined)) inside.push(file);
    }
    files.push(...(inside.length > 0 ? inside : [join(path, 'result.json')]));
  }
  return files;
}

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('merge results of several runs of one scenario (shards, segments) into one: histograms added, counters summed, thresholds re-evaluated')
    .argument('<results...>', 'result.json files of the shards, or directories holding one shard per sub-directory')
    .requiredOption('-o, --out <dir>', 'where the merged result.json and report.html go')
    .option('--junit <file>', JUNIT_OPTION_HELP)
    .option('--partial', 'merge segments even when some are missing (says "partial: 3/4 of the scenario")')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ gauntlet merge shard*/result.json --out reports/merged\n' +
        '  $ gauntlet merge reports/segments --out reports/merged     every */result.json inside\n' +
        `\nSegments (--segment I/N) must be of one scenario and not overlap; missing ones are refused without --partial.\n` +
        `Exits ${EXIT.thresholdsFailed} when a threshold fails on the merged data.\n`,
    )
    .action(async (paths: string[], flags: MergeFlags) => {
      const files = await resultFiles(paths);
      const shards = await Promise.all(files.map(async (file) => ({ file, result: await readResultFile(file) })));
      const merged = mergeResults(shards, { allowPartial: flags.partial });
      const resultFile = await writeResult(flags.out, merged);
      const htmlFile = await writeHtmlReport(join(flags.out, 'report.html'), merged);
      if (flags.junit) await writeJunitFile(flags.junit, merged);
      const partial = describeCoverage(merged.segments);
      process.stdout.write(`${renderSummary(merged, stdoutPaint())}\n${partial ? `${partial}\n` : ''}merged ${files.length} results: ${resultFile}\nreport: ${htmlFile}\n`);
      process.exitCode = merged.thresholds.some((t) => !t.ok) ? EXIT.thresholdsFailed : EXIT.ok;
    });
}
