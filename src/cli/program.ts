import { Command, CommanderError } from 'commander';
import { EXIT, EXIT_MEANINGS } from './exit-codes.js';
import { reportFatal } from './fatal.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerLabCommand } from './commands/lab.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerCheckCommand } from './commands/check.js';
import { registerChecksCommand } from './commands/checks.js';
import { registerRankCommand } from './commands/rank.js';
import { registerRunCommand } from './commands/run.js';
import { registerReportCommand } from './commands/report.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerSetupCommand } from './commands/setup.js';
import { registerInitCommand } from './commands/init.js';
import { registerValidateCommand } from './commands/validate.js';
import { toolVersion } from './version.js';

function exitCodeTable(): string {
  const rows = Object.entries(EXIT).map(
    ([name, code]) => `  ${String(code).padStart(3)}  ${EXIT_MEANINGS[name as keyof typeof EXIT]}`,
  );
  return `\nExit codes:\n${rows.join('\n')}\n`;
}

export function buildProgram(): Command {
  const program = new Command('gauntlet')
    .version(toolVersion())
    .description(
      'Put an XMPP server through a gauntlet: RFC conformance, federation (s2s) and load, with latencies recorded in HDR histograms.',
    )
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText(
      'after',
      `\nExamples:\n` +
        `  $ gauntlet demo                     start a throwaway Prosody, run a first scenario, stop it\n` +
        `  $ gauntlet run scenarios/smoke.yaml run a scenario (docs/scenario.md)\n` +
        `  $ gauntlet init example.org         write a commented scenario for your domain\n` +
        `  $ gauntlet validate my.yaml         explain a scenario without running it\n` +
        `  $ gauntlet lab up ejabberd          start a throwaway ejabberd on loopback\n` +
        `  $ gauntlet check --lab prosody      run the conformance checks against a throwaway Prosody\n` +
        `  $ gauntlet compare a.json b.json    is run B slower than run A? (exit 4 if so)\n` +
        `  $ gauntlet setup lab                install the lab servers' Debian packages (asks first)\n` +
        `  $ gauntlet rank hosts.txt           grade and rank many hosts (TLS, security, compliance)\n` +
        `  $ gauntlet <command> --help         options and examples of one command\n` +
        exitCodeTable(),
    );
  registerDemoCommand(program);
  registerRunCommand(program);
  registerValidateCommand(program);
  registerInitCommand(program);
  registerReportCommand(program);
  registerSchemaCommand(program);
  registerLabCommand(program);
  registerCompareCommand(program);
  registerMergeCommand(program);
  registerCheckCommand(program);
  registerChecksCommand(program);
  registerSetupCommand(program);
  registerRankCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  // Subcommands do not inherit exitOverride once added: without it a bad option exits 1 ("a MUST failed").
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportFatal(error);
  }
}
