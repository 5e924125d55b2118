import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { GauntletError } from '../util/errors.js';

export interface SpawnedServer {
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Throws a clear error naming the Debian package when a server binary is not on PATH. */
export function requireBinary(binary: string, debianPackage: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new GauntletError('environment', `${binary} is not installed (Debian package "${debianPackage}")`, {
    hint: `install it with: apt-get install -y ${debianPackage}`,
  });
}

/** Starts a server with stdout and stderr appended to its log file. */
export function spawnServer(
  command: string,
  args: string[],
  options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv; detached?: boolean },
): SpawnedServer {
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', log, log],
    detached: options.detached ?? false,
  });
  closeSync(log);
  if (options.detached) child.unref();
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', () => resolve(null));
  });
  if (child.pid === undefined) {
    throw new GauntletError('environment', `could not start ${command}`, { hint: `see ${options.logFile}` });
  }
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

/**
 * Waits until every port accepts connections. Fails early when the server exits, and in both
 * failure cases puts the server's own log tail in the error.
 */
export async function waitForPorts(
  host: string,
  ports: number[],
  options: { timeoutMs: number; server: SpawnedServer; name: string; logTail: () => Promise<string> },
): Promise<void> {
  let exitedWith: number | NodeJS.Signals | null | undefined;
  void options.server.exited.then((code) => (exitedWith = code));
  const deadline = Date.now() + options.timeoutMs;
  const pending = new Set(ports);
  while (pending.size > 0) {
    if (exitedWith !== undefined || Date.now() > deadline) {
      const why = exitedWith !== undefined ? `exited (${exitedWith})` : `did not open ports ${[...pending].join(', ')} within ${options.timeoutMs} ms`;
      throw new GauntletError('environment', `${options.name} ${why}. Its log ends with:\n${await options.logTail()}`, {
        hint: 'the lines above come from the server itself; its whole directory is kept for inspection',
      });
    }
    for (const port of [...pending]) if (await portAccepts(host, port)) pending.delete(port);
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGTERM, then SIGKILL after the grace period; only ever called with PIDs this lab started. */
export async function stopServer(server: SpawnedServer, graceMs = 5000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}

/** The last lines of a log file (empty when it does not exist yet). */
export async function tailFile(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
}
