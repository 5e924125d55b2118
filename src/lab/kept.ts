import { readFile, rm } from 'node:fs/promises';
import type { KeptLab } from './state.js';

/** Process names a lab server of each kind runs under (the ejabberd one is the Erlang VM). */
const PROCESS_NAMES: Record<KeptLab['kind'], RegExp> = {
  prosody: /prosody|lua/,
  ejabberd: /beam|erl|ejabberd/,
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
 * Stops a server kept by `lab up --keep`. The PID is only signalled while its command line still
 * names the server and its own directory, so a recycled PID is never killed.
 */
export async function stopKeptLab(lab: KeptLab): Promise<string> {
  const cmd = await commandLine(lab.pid);
  let outcome: string;
  if (cmd === undefined) {
    outcome = 'already gone';
  } else if (!PROCESS_NAMES[lab.kind].test(cmd) || !cmd.includes(lab.dir)) {
    outcome = 'pid now belongs to another process; left alone';
  } else {
    process.kill(lab.pid, 'SIGTERM');
    if (!(await waitForExit(lab.pid, 10_000))) {
      process.kill(lab.pid, 'SIGKILL');
      await waitForExit(lab.pid, 2_000);
    }
    outcome = 'stopped';
  }
  await rm(lab.dir, { recursive: true, force: true });
  return outcome;
}
