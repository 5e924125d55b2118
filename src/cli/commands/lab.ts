import { Command, InvalidArgumentError, Option } from 'commander';
import { GauntletError } from '../../util/errors.js';
import { SERVER_KINDS, VARIANTS, type LabServer, type ServerKind, type VariantName } from '../../lab/types.js';
import { forgetKeptLab, listKeptLabs, rememberKeptLab } from '../../lab/state.js';
import { stopKeptLab } from '../../lab/kept.js';
import { describeLab } from '../lab-description.js';
import { untilInterrupted } from '../interrupt.js';

const SERVERS: readonly ServerKind[] = SERVER_KINDS;

interface UpOptions {
  variant: VariantName;
  accounts: number;
  keep: boolean;
}

async function labUp(kinds: ServerKind[], options: UpOptions): Promise<void> {
  const { startLab } = await import('../../lab/index.js');
  const servers: LabServer[] = [];
  try {
    for (const kind of kinds) {
      process.stderr.write(`starting ${kind} (${options.variant})...\n`);
      servers.push(await startLab(kind, { variant: options.variant, keepDir: options.keep, detached: options.keep }));
    }
    for (const server of servers) {
      const accounts = await server.createAccounts(
        Array.from({ length: options.accounts }, (_, i) => ({ username: `user${i + 1}`, password: `pass${i + 1}` })),
      );
      process.stdout.write(describeLab(server, accounts));
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  if (options.keep) {
    for (const server of servers) {
      const file = await rememberKeptLab({
        id: `${server.kind}-${server.pid}`,
        kind: server.kind,
        variant: server.variant,
        pid: server.pid,
        companionPids: server.companionPids ? [...server.companionPids] : undefined,
        dir: server.dir,
        domains: server.domains,
        host: server.host,
        ports: server.ports,
        caFile: server.caFile,
        startedAt: new Date().toISOString(),
      });
      process.stdout.write(`kept running as ${server.kind}-${server.pid} (state in ${file}); stop it with: gauntlet lab down ${server.kind}-${server.pid}\n`);
    }
    process.stdout.write(
      'note: the loopback DNS answer lives in this process, so kept servers cannot resolve s2s peers.\n',
    );
    return;
  }
  process.stdout.write('press Ctrl-C to stop\n');
  await untilInterrupted();
  process.stderr.write('stopping...\n');
  await Promise.all(servers.map((server) => server.stop()));
}

async function labDown(id: string | undefined): Promise<void> {
  const all = await listKeptLabs();
  const kept = id === undefined ? all : all.filter((lab) => lab.id === id);
  if (id !== undefined && kept.length === 0) {
    throw new GauntletError('usage', `no kept lab server ${id}`, {
      hint: all.length === 0 ? 'nothing was kept by `gauntlet lab up --keep` from this checkout' : `kept now: ${all.map((lab) => lab.id).join(', ')}`,
    });
  }
  if (kept.length === 0) {
    process.stdout.write('no kept lab servers to stop\n');
    return;
  }
  for (const lab of kept) {
    const outcome = await stopKeptLab(lab);
    await forgetKeptLab(lab.id);
    process.stdout.write(`${lab.kind} (pid ${lab.pid}): ${outcome}\n`);
  }
}

function parseCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    throw new InvalidArgumentError(`wants a whole number from 0 to 100000, got "${text}"`);
  }
  return value;
}

export function registerLabCommand(program: Command): void {
  const lab = program
    .command('lab')
    .description('throwaway real XMPP servers (Debian prosody / ejabberd / jabberd2) on loopback, for trying things and for tests');

  lab
    .command('up')
    .description(
      'start one or more lab servers and print how to reach them; servers started together share a loopback DNS answer, so they federate with each other over s2s',
    )
    .argument('<server...>', `which server(s): ${SERVERS.join(', ')}`)
    .addOption(
      new Option('--variant <name>', 'a deliberately changed configuration, for proving checks catch it')
        .choices(Object.keys(VARIANTS))
        .default('baseline'),
    )
    .option('--accounts <n>', 'accounts to create (userN / passN on the first domain)', parseCount, 2)
    .option('--keep', 'leave the server running after this command exits (stop it with `gauntlet lab down`)', false)
    .addHelpText(
      'after',
      `\nVariants:\n${Object.entries(VARIANTS)
        .map(([name, what]) => `  ${name.padEnd(17)} ${what}`)
        .join('\n')}\n\nExamples:\n` +
        '  $ gauntlet lab up prosody                      Prosody until Ctrl-C\n' +
        '  $ gauntlet lab up prosody ejabberd             both, federating through the loopback DNS\n' +
        '  $ gauntlet lab up jabberd2                     jabberd2 2.7 (no no-dialback variant)\n' +
        '  $ gauntlet lab up ejabberd --variant no-ibr --keep\n',
    )
    .action(async (kinds: string[], options: UpOptions) => {
      const unknown = kinds.filter((kind) => !SERVERS.includes(kind as ServerKind));
      if (unknown.length > 0) {
        throw new GauntletError('usage', `unknown server ${unknown.join(', ')}`, {
          hint: `choose from ${SERVERS.join(', ')}`,
        });
      }
      await labUp(kinds as ServerKind[], options);
    });

  lab
    .command('down')
    .description('stop the lab servers this user left running from this checkout with `gauntlet lab up --keep` (by PID, nothing else)')
    .argument('[id]', 'only this one (as printed by lab up --keep, e.g. prosody-12345)')
    .addHelpText('after', '\nExamples:\n  $ gauntlet lab down                 every kept server of yours from this checkout\n  $ gauntlet lab down prosody-12345   only that one\n')
    .action(labDown);
}
