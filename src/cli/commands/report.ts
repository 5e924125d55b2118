import type { Command } from 'commander';
import { readResultFile } from '../../engine/read-result.js';
import type { RunResult } from '../../engine/result.js';
import { htmlReportBeside, writeHtmlReport } from '../../report/html/index.js';
import { JUNIT_OPTION_HELP, writeJunitFile } from '../junit-file.js';

/** One option per output format; with none given, the HTML report goes beside result.json. */
export interface ReportOptions {
  html?: string;
  junit?: string;
}

/**
 * `gauntlet run` writes report.html beside result.json, for complete, failed and interrupted runs
 * alike. A report that cannot be written is a warning: the run's own outcome decides the exit code.
 */
export async function writeHtmlBeside(resultFile: string, result?: RunResult): Promise<string | undefined> {
  try {
    return await writeHtmlReport(htmlReportBeside(resultFile), result ?? (await readResultFile(resultFile)));
  } catch (error) {
    process.stderr.write(`warning: no HTML report: ${(error as Error).message}\n`);
    return undefined;
  }
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("render a finished run's reports from its result.json")
    .argument('<result>', 'a result.json written by `gauntlet run` (or `demo`)')
    .option('--html <file>', 'single-file HTML report, opens from disk with no network (default: report.html beside <result>)')
    .option('--junit <file>', JUNIT_OPTION_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ gauntlet report reports/smoke-2026-11-27T01-46-59Z/result.json\n' +
        '  $ gauntlet report result.json --html /tmp/smoke.html\n' +
        '  $ gauntlet report result.json --junit junit.xml      JUnit XML only (for CI test reports)\n',
    )
    .action(async (file: string, options: ReportOptions) => {
      const result = await readResultFile(file);
      if (options.junit) {
        await writeJunitFile(options.junit, result);
        process.stdout.write(`junit report: ${options.junit}\n`);
      }
      if (options.junit && !options.html) return;
      const html = await writeHtmlReport(options.html ?? htmlReportBeside(file), result);
      process.stdout.write(`html report: ${html}\n`);
    });
}
