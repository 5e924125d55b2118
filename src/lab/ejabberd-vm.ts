import { readFile } from 'node:fs/promises';
import { GauntletError } from '../util/errors.js';
import { requireBinary, stopServer, type SpawnedServer } from './process.js';

/**
 * How the lab runs Debian's `ejabberdctl`, and how it finds and stops the Erlang VM behind it.
 * `ejabberdctl foreground` does not exec the VM: it stays as a bash parent of `beam.smp`, so the
 * lab's PID is that child's, and stopping means signalling it.
 */

const ACCOUNT = 'ejabberd';

export interface EjabberdLauncher {
  command: string;
  /** Arguments that precede ejabberdctl's own. */
  prefix: string[];
  /** Owner the lab's files must have, or undefined when the current user runs the VM. */
  owner?: { uid: number; gid: number };
}

async function accountIds(): Promise<{ uid: number; gid: number } | undefined> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const fields = passwd.split('\n').find((line) => line.startsWith(`${ACCOUNT}:`))?.split(':');
  return fields ? { uid: Number(fields[2]), gid: Number(fields[3]) } : undefined;
}

/**
 * ejabberdctl only runs as root (then `su`s to the `ejabberd` account, adding processes between
 * us and the VM) or as that account. As root we drop to the account ourselves with setpriv.
 */
export async function ejabberdLauncher(): Promise<EjabberdLauncher> {
  const ctl = requireBinary('ejabberdctl', 'ejabberd');
  const ids = await accountIds();
  const uid = process.getuid?.();
  if (ids && uid === ids.uid) return { command: ctl, prefix: [] };
  if (ids && uid === 0) {
    const setpriv = requireBinary('setpriv', 'util-linux');
    return { command: setpriv, prefix: [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', '--', ctl], owner: ids };
  }
  throw new GauntletError('environment', `the lab ejabberd must be started by root or by the "${ACCOUNT}" user`, {
    hint: 'Debian\'s ejabberdctl refuses every other user; run the tests or `gauntlet lab up ejabberd` with sudo',
  });
}

async function childPids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(' ').filter(Boolean).map(Number);
}

async function commandName(pid: number): Promise<string | undefined> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined))?.trim();
}

async function parentPid(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name in parentheses may hold spaces: the fields after its ")" are fixed.
  const ppid = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
  return ppid === undefined ? undefined : Number(ppid);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const hasExited = (server: SpawnedServer): boolean => server.child.exitCode !== null || server.child.signalCode !== null;

/** The `beam.smp` child of our ejabberdctl, once it has exec'd that far (undefined if ejabberdctl ended). */
export async function findBeam(server: SpawnedServer, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const pid of await childPids(server.pid)) if ((await commandName(pid)) === 'beam.smp') return pid;
    if (hasExited(server) || Date.now() >= deadline) return undefined;
    await pause(25);
  }
}

/**
 * SIGTERM makes the VM stop ejabberd cleanly (about 1 s); SIGKILL after the grace period. Only
 * signalled while it is still the child of our ejabberdctl, so a recycled PID is never hit.
 */
async function stopBeam(beamPid: number, ctlPid: number, graceMs: number): Promise<void> {
  if ((await parentPid(beamPid)) !== ctlPid) return;
  process.kill(beamPid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while ((await parentPid(beamPid)) === ctlPid) {
    if (Date.now() > deadline) {
      process.kill(beamPid, 'SIGKILL');
      break;
    }
    await pause(25);
  }
}

/**
 * Stops the VM behind a spawned ejabberdctl, then ejabberdctl itself. A VM still booting may be
 * on its way (ejabberdctl runs a few commands first): wait for it rather than orphan it. A SIGTERM
 * that arrives very early in the VM's boot can go unheeded (seen here), hence a short grace for
 * aborted starts.
 */
export async function stopEjabberdctl(server: SpawnedServer, graceMs = 10_000): Promise<void> {
  const beam = await findBeam(server, 5000);
  if (beam !== undefined) await stopBeam(beam, server.pid, graceMs);
  await stopServer(server);
}
