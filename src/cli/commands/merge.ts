import type { Command } from 'commander';
import { stdoutPaint } from '../colours.js';
import { join } from 'node:path';
import { mergeResults } from '../../engine/merge-results.js';
import { readResultFile } from '../../engine/read-result.js';
import { writeResult } from '../../engine/result.js';
import { writeHtmlReport } from '../../report/html/write.js';
import { renderSummary } from '../../report/summary.js';
import { EXIT } from '../exit-codes.js';
import { JUNIT_OPTION_HELP, writeJunitFile } from '../junit-file.js';

interface MergeFlags {
  out: string;
  junit?: string;
}

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('merge results of several runs of one scenario (shards) into one: histograms added, counters summed, thresholds re-evaluated')
    .argument('<results...>', 'result.json files of the shards')
    .requiredOption('-o, --out <dir>', 'where the merged result.json and report.html go')
    .option('--junit <file>', JUNIT_OPTION_HELP)
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  $ gauntlet merge shard*/result.json --out reports/merged\n' +
        `\nExits ${EXIT.thresholdsFailed} when a threshold fails on the merged data.\n`,
    )
    .action(async (files: string[], flags: MergeFlags) => {
      const shards = await Promise.all(files.map(async (file) => ({ file, result: await readResultFile(file) })));
      const merged = mergeResults(shards);
      const resultFile = await writeResult(flags.out, merged);
      const htmlFile = await writeHtmlReport(join(flags.out, 'report.html'), merged);
      if (flags.junit) await writeJunitFile(flags.junit, merged);
      process.stdout.write(`${renderSummary(merged, stdoutPaint())}\nmerged ${files.length} results: ${resultFile}\nreport: ${htmlFile}\n`);
      process.exitCode = merged.thresholds.some((t) => !t.ok) ? EXIT.thresholdsFailed : EXIT.ok;
    });
}
