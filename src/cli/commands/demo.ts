import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { executeScenarioFile, type ExecuteOptions } from '../execute.js';

/** scenarios/ at the package root, from src/cli/commands or dist/cli/commands alike. */
const SMOKE = fileURLToPath(new URL('../../../scenarios/smoke.yaml', import.meta.url));

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'start a throwaway Prosody on loopback, run the bundled smoke scenario (STARTTLS, SCRAM login, roster, one message each way), print the latencies and stop the server',
    )
    .option('-o, --out <dir>', 'where result.json goes (default: reports/smoke-<timestamp>/)')
    .option('-q, --quiet', 'no live progress, only the summary')
    .addHelpText('after', `\nExample:\n  $ gauntlet demo\n\nThe scenario it runs: ${SMOKE}\n`)
    .action(async (options: ExecuteOptions) => {
      process.exitCode = await executeScenarioFile(SMOKE, options);
    });
}
