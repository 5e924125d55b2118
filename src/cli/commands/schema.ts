import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/index.js';

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files, for editor completion and validation')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  $ gauntlet schema > scenario.schema.json\n' +
        '  then put "# yaml-language-server: $schema=./scenario.schema.json" at the top of a scenario\n',
    )
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
