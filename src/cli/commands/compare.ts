import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readResultFile } from '../../engine/read-result.js';
import { compareRankFiles, renderRankComparisonText } from '../../rank/compare.js';
import { isRankFile, type RankFile } from '../../rank/output/rank-file.js';
import { compareResults } from '../../report/compare/compare.js';
import { renderComparisonHtml } from '../../report/compare/html.js';
import { renderComparisonText } from '../../report/compare/text.js';
import { COMPARE_DEFAULTS } from '../../report/compare/types.js';
import { parseDuration } from '../../util/duration.js';
import { GauntletError } from '../../util/errors.js';
import { EXIT } from '../exit-codes.js';

interface CompareFlags {
  tolerance: string;
  minDelta: string;
  minSamples: string;
  metric: string[];
  html?: string;
  json?: boolean;
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('put two runs side by side (percentiles, counters, deltas) and say whether B is slower than A; or two rank runs: who improved, who regressed')
    .argument('<a>', 'baseline result.json')
    .argument('<b>', 'candidate result.json')
    .option('-t, --tolerance <percent>', 'allowed slow-down of p50/p90/p99/p99.9 before B counts as a regression', COMPARE_DEFAULTS.tolerance)
    .option('--min-delta <duration>', 'slow-downs smaller than this never count (jitter)', COMPARE_DEFAULTS.minDelta)
    .option('--min-samples <n>', 'judge a percentile only with this many samples beyond it in each run (p99 needs 100×)', String(COMPARE_DEFAULTS.minSamples))
    .option('-m, --metric <key>', 'compare only this metric (message_e2e, iq_rtt{kind=ping}); repeatable', (key: string, keys: string[]) => [...keys, key], [] as string[])
    .option('--html <file>', 'also write the comparison as a self-contained HTML page')
    .option('--json', 'print the comparison as JSON instead of tables')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ gauntlet compare reports/main/result.json reports/pr/result.json\n' +
        '  $ gauntlet compare a.json b.json --tolerance 5% --metric message_e2e --html compare.html\n' +
        `\nExits ${EXIT.thresholdsFailed} when a judged percentile of B is slower than A beyond the tolerance, a latency of A\n` +
        'is missing from B, or a counter of work done (messages, logins) fell to zero. Percentiles with too few\n' +
        'samples beyond them show "not enough data" and never count.\n' +
        'Given two rank.json files (gauntlet rank), lists the hosts that improved, regressed, appeared or went,\n' +
        `and exits ${EXIT.thresholdsFailed} when a host's score fell or one of its TLS grades got worse.\n`,
    )
    .action(async (fileA: string, fileB: string, flags: CompareFlags) => {
      const ranks = await readRankFiles(fileA, fileB);
      if (ranks) {
        const comparison = compareRankFiles(ranks[0], ranks[1]);
        process.stdout.write(flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderRankComparisonText(comparison));
        process.exitCode = comparison.verdict === 'regressed' ? EXIT.thresholdsFailed : EXIT.ok;
        return;
      }
      const options = { tolerance: parseTolerance(flags.tolerance), minDeltaMs: parseMinDelta(flags.minDelta), minSamples: parseMinSamples(flags.minSamples), metrics: flags.metric };
      const [a, b] = await Promise.all([readResultFile(fileA), readResultFile(fileB)]);
      const comparison = compareResults({ file: fileA, result: a }, { file: fileB, result: b }, options);
      process.stdout.write(flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparisonText(comparison));
      if (flags.html) {
        await mkdir(dirname(flags.html), { recursive: true });
        await writeFile(flags.html, renderComparisonHtml(comparison));
      }
      process.exitCode = comparison.verdict === 'regressed' ? EXIT.thresholdsFailed : EXIT.ok;
    });
}

/** Both files when both are rank.json; undefined when neither is; an error when they are of two kinds. */
async function readRankFiles(fileA: string, fileB: string): Promise<[{ file: string; data: RankFile }, { file: string; data: RankFile }] | undefined> {
  const peek = async (file: string) => {
    try {
      const data: unknown = JSON.parse(await readFile(file, 'utf8'));
      return isRankFile(data) ? data : undefined;
    } catch {
      return undefined; // readResultFile reports what is wrong with it
    }
  };
  const [a, b] = await Promise.all([peek(fileA), peek(fileB)]);
  if (a && b) return [{ file: fileA, data: a }, { file: fileB, data: b }];
  if (a || b) throw new GauntletError('usage', `${a ? fileA : fileB} is a rank.json and ${a ? fileB : fileA} is not`, { hint: 'compare two rank.json files, or two result.json files' });
  return undefined;
}

/** `10%` or `0.1` → 0.1. */
export function parseTolerance(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match) throw new GauntletError('usage', `--tolerance ${text} is not a percentage`, { hint: 'write 10% (or 0.1)' });
  return match[2] ? Number(match[1]) / 100 : Number(match[1]);
}

function parseMinSamples(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new GauntletError('usage', `--min-samples ${text} is not a whole number of at least 1`, { hint: 'e.g. --min-samples 10' });
  return value;
}

function parseMinDelta(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new GauntletError('usage', `--min-delta ${text} is not a duration`, { hint: 'write 1ms, 500us or 0.2ms' });
  }
}
