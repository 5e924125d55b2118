import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { GauntletError } from '../util/errors.js';
import { findExecutable } from '../util/executable.js';

export interface SpawnedServer {
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** PIDs this process spawned: the only ones `stopPid` will ever signal. */
const startedPids = new Set<number>();

/** Absolute path of a server binary on PATH; a clear error naming the Debian package otherwise. */
export function requireBinary(binary: string, debianPackage: string): string {
  const found = findExecutable(binary);
  if (found) return found;
  throw new GauntletError('environment', `${binary} is not installed (Debian package "${debianPackage}")`, {
    hint: `\`gauntlet setup lab\` installs the lab's packages (it asks first), or: apt-get install -y ${debianPackage}`,
  });
}

/** Starts a server with stdout and stderr appended to its log file. */
export function spawnServer(
  command: string,
  args: string[],
  options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv; detached?: boolean },
): SpawnedServer {
  const log = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', log, log],
      detached: options.detached ?? false,
    });
  } finally {
    closeSync(log);
  }
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => {
      if (child.pid !== undefined) startedPids.delete(child.pid);
      resolve(code ?? signal);
    });
    child.once('error', () => resolve(null));
  });
  if (child.pid === undefined) {
    throw new GauntletError('environment', `could not start ${command}`, { hint: `see ${options.logFile}` });
  }
  startedPids.add(child.pid);
  if (options.detached) child.unref();
  return { pid: child.pid, child, exited };
}

function portAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface WaitOptions {
  /** Server name for the error message. */
  name?: string;
  /** Its own log, quoted in the error. */
  logTail?: () => Promise<string>;
  /** Fail at once when this process exits instead of waiting for the timeout. */
  server?: SpawnedServer;
}

/**
 * Waits until every port accepts TCP connections. On timeout (or early exit of `server`) throws
 * GauntletError('environment') quoting the server's log tail.
 */
export async function waitForPorts(host: string, ports: readonly number[], timeoutMs: number, options: WaitOptions = {}): Promise<void> {
  let exitedWith: number | NodeJS.Signals | null | undefined;
  void options.server?.exited.then((code) => (exitedWith = code));
  const name = options.name ?? 'the server';
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ports);
  while (pending.size > 0) {
    if (exitedWith !== undefined || Date.now() > deadline) {
      const why = exitedWith !== undefined ? `exited (${exitedWith})` : `did not open port(s) ${[...pending].join(', ')} within ${timeoutMs} ms`;
      const tail = options.logTail ? `. Its log ends with:\n${await options.logTail()}` : '';
      throw new GauntletError('environment', `${name} ${why}${tail}`, {
        hint: 'the lines above come from the server itself',
      });
    }
    for (const port of [...pending]) if (await portAccepts(host, port)) pending.delete(port);
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM, then SIGKILL after the grace period. Only PIDs spawned by `spawnServer` in this
 * process are signalled; any other PID is refused.
 */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  if (!startedPids.has(pid)) {
    if (!alive(pid)) return;
    throw new Error(`refusing to signal pid ${pid}: not started by this lab`);
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (startedPids.has(pid) && alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  while (startedPids.has(pid) && alive(pid)) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Stops a spawned server and waits for its exit to be reaped. */
export async function stopServer(server: SpawnedServer, graceMs = 5000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  await stopPid(server.pid, graceMs);
  await server.exited;
}

/** The last lines of a log file (empty when it does not exist yet). */
export async function tailFile(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
