import { readFile, rm } from 'node:fs/promises';
import type { KeptLab } from './state.js';

/** Process names a lab server of each kind runs under (the ejabberd one is the Erlang VM). */
const PROCESS_NAMES: Record<KeptLab['kind'], RegExp> = {
  prosody: /prosody|lua/,
  ejabberd: /beam|erl|ejabberd/,
  jabberd2: /jabberd2-(router|sm|c2s|s2s)/,
};

async function commandLine(pid: number): Promise<string | undefined> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return raw?.replaceAll('\0', ' ');
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await commandLine(pid)) === undefined) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Stops one process of a kept server. The PID is only signalled while its command line still
 * names the server and its own directory, so a recycled PID is never killed.
 */
async function stopKeptProcess(lab: KeptLab, pid: number): Promise<string> {
  const cmd = await commandLine(pid);
  if (cmd === undefined) return 'already gone';
  if (!PROCESS_NAMES[lab.kind].test(cmd) || !cmd.includes(lab.dir)) return 'pid now belongs to another process; left alone';
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, 10_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 2_000);
  }
  return 'stopped';
}

/** Stops a server kept by `lab up --keep` (its companion processes first) and removes its directory. */
export async function stopKeptLab(lab: KeptLab): Promise<string> {
  for (const pid of lab.companionPids ?? []) await stopKeptProcess(lab, pid);
  const outcome = await stopKeptProcess(lab, lab.pid);
  await rm(lab.dir, { recursive: true, force: true });
  return outcome;
}
