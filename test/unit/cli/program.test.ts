import t from 'tap';
import { buildProgram } from '../../../src/cli/program.js';

/** Runs the CLI in-process, capturing what commander would print. */
async function runCli(args: string[]): Promise<{ out: string; err: string; exitCode?: number }> {
  let out = '';
  let err = '';
  const program = (await buildProgram()).exitOverride();
  const capture = { writeOut: (s: string) => (out += s), writeErr: (s: string) => (err += s) };
  program.configureOutput(capture);
  for (const command of program.commands) {
    command.configureOutput(capture).exitOverride();
    for (const sub of command.commands) sub.configureOutput(capture).exitOverride();
  }
  try {
    await program.parseAsync(['node', 'gauntlet', ...args]);
    return { out, err };
  } catch (error) {
    return { out, err, exitCode: (error as { exitCode?: number }).exitCode };
  }
}

t.test('top-level help teaches: examples and the exit code table', async (t) => {
  const { out } = await runCli(['--help']);
  t.match(out, /Examples:/);
  t.match(out, /gauntlet demo/);
  t.match(out, /Exit codes:/);
  t.match(out, /130\s+interrupted/);
});

t.test('lab up --help lists every variant and an example', async (t) => {
  const { out } = await runCli(['lab', 'up', '--help']);
  for (const variant of ['plain-before-tls', 'no-offline', 'tls-legacy', 'no-ibr', 's2s-cleartext', 'no-dialback']) {
    t.match(out, variant);
  }
  t.match(out, /\$ gauntlet lab up prosody/);
});

t.test('an unknown command is a usage error with a suggestion', async (t) => {
  const { err, exitCode } = await runCli(['lba']);
  t.not(exitCode, 0);
  t.match(err, /Did you mean lab\?/);
});

t.test('an unknown variant is refused before anything starts', async (t) => {
  const { err, exitCode } = await runCli(['lab', 'up', 'prosody', '--variant', 'nope']);
  t.not(exitCode, 0);
  t.match(err, /Allowed choices are baseline/);
});
