import type { Command } from 'commander';
import { executeScenarioFile, type ExecuteOptions } from '../execute.js';
import { JUNIT_OPTION_HELP } from '../junit-file.js';
import { addLimitOption } from '../limit-option.js';
import { ENV_OPTION_HELP, collectEnv } from '../env-option.js';
import { METRICS_OPTION_HELP, collectMetrics } from '../metrics-outputs.js';

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run a YAML scenario: simulated users log in and act as its flow says, latencies go to HDR histograms')
    .argument('<scenario>', 'scenario file (see docs/scenario.md, and `gauntlet schema` for editor completion)')
    .option('-o, --out <dir>', 'where result.json goes (default: reports/<scenario>-<timestamp>/)')
    .option('-q, --quiet', 'no live progress, only the summary')
    .option('--junit <file>', JUNIT_OPTION_HELP)
    .option('-e, --env <NAME=VALUE>', ENV_OPTION_HELP, collectEnv)
    .option('--metrics <NAME=URL>', METRICS_OPTION_HELP, collectMetrics)
    .option('--run-id <id>', 'the run label of live metrics; shards of one run share it (default: the output directory\'s name)')
    .option('--segment <I/N>', 'run only the I-th of N shares of the scenario (users, arrivals, accounts striped); merge the shards with `gauntlet merge` (docs/segments.md)')
    .option('--start-at <time>', 'begin the phases at this moment (ISO time with zone, or epoch ms) so shards started apart run together')
    .option('--workers <N|auto>', 'fork N worker processes (auto: one per core), each a segment, merged into one result (default 1)')
    .option('--summary-json', 'print a one-line JSON summary on stdout for scripts (the usual summary goes to stderr)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ gauntlet run scenarios/smoke.yaml                 against a throwaway lab Prosody\n' +
        '  $ gauntlet run my-server.yaml --out reports/today   against your own server\n' +
        '  $ gauntlet run my-server.yaml -e LOAD_PASSWORD=... --summary-json | jq .passed\n' +
        '  $ gauntlet run my-server.yaml --metrics prometheus=http://localhost:9090/api/v1/write\n' +
        '  $ gauntlet run my-server.yaml --workers auto          one process per core, one merged result\n' +
        '  $ gauntlet run my-server.yaml --segment 2/4 --start-at 2026-12-07T05:00:00Z   one shard of four\n' +
        '\nCtrl-C stops the run early: sessions are closed and the results gathered so far are written.\n',
    )
    .action(async (file: string, options: ExecuteOptions) => {
      process.exitCode = await executeScenarioFile(file, options);
    });
  addLimitOption(command);
}
