import { Command, CommanderError } from 'commander';
import { EXIT, EXIT_MEANINGS } from './exit-codes.js';
import { reportFatal } from './fatal.js';
import { toolVersion } from './version.js';

/**
 * Every command, in help order, loaded only when needed: a command line naming one command loads
 * that one (its modules pull in TLS, HTTP, histograms, the check catalogue...), so `gauntlet run`
 * does not pay for `rank` and `--version` pays for nothing.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand,
  run: async () => (await import('./commands/run.js')).registerRunCommand,
  validate: async () => (await import('./commands/validate.js')).registerValidateCommand,
  init: async () => (await import('./commands/init.js')).registerInitCommand,
  report: async () => (await import('./commands/report.js')).registerReportCommand,
  schema: async () => (await import('./commands/schema.js')).registerSchemaCommand,
  lab: async () => (await import('./commands/lab.js')).registerLabCommand,
  compare: async () => (await import('./commands/compare.js')).registerCompareCommand,
  merge: async () => (await import('./commands/merge.js')).registerMergeCommand,
  check: async () => (await import('./commands/check.js')).registerCheckCommand,
  checks: async () => (await import('./commands/checks.js')).registerChecksCommand,
  setup: async () => (await import('./commands/setup.js')).registerSetupCommand,
  rank: async () => (await import('./commands/rank.js')).registerRankCommand,
};

/** The command a command line names (its first word that is not an option), if it is one of ours. */
function namedCommand(argv: readonly string[]): string | undefined {
  const word = argv.slice(2).find((arg) => !arg.startsWith('-'));
  return word !== undefined && Object.hasOwn(COMMANDS, word) ? word : undefined;
}

function exitCodeTable(): string {
  const rows = Object.entries(EXIT).map(
    ([name, code]) => `  ${String(code).padStart(3)}  ${EXIT_MEANINGS[name as keyof typeof EXIT]}`,
  );
  return `\nExit codes:\n${rows.join('\n')}\n`;
}

/** The program with every command, or with only the one `argv` names (help, suggestions and --version need none or all). */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
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
  const named = argv && namedCommand(argv);
  const wanted = named ? [named] : argv && /^-(V|-version)$/.test(argv[2] ?? '') ? [] : Object.keys(COMMANDS);
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = (await buildProgram(argv)).exitOverride();
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
