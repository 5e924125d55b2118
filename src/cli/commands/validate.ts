import type { Command } from 'commander';
import { checkThreshold } from '../../metrics/index.js';
import { loadScenarioFile, outlineScenario } from '../../scenario/index.js';
import { ENV_OPTION_HELP, collectEnv, scenarioEnvironment } from '../env-option.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('load a scenario and explain what it would do, running nothing (exit 2 with every problem when it is invalid)')
    .argument('<scenario>', 'scenario file')
    .option('-e, --env <NAME=VALUE>', ENV_OPTION_HELP, collectEnv)
    .addHelpText('after', '\nExample:\n  $ gauntlet validate my-server.yaml -e LOAD_PASSWORD=x\n')
    .action(async (file: string, options: { env?: string[] }) => {
      const scenario = await loadScenarioFile(file, { env: scenarioEnvironment(options.env), checkThreshold });
      process.stdout.write(outlineScenario(scenario));
    });
}
