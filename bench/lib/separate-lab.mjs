// A lab Prosody in its own process (`gauntlet lab up --keep`), so that a benchmark measures the
// tool alone: with `target: { lab: ... }` the server is the tool's child process, and GNU time
// (and the kernel's rusage) would add Prosody's CPU to the tool's.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { listKeptLabs, forgetKeptLab } from '../../dist/lab/state.js';
import { stopKeptLab } from '../../dist/lab/kept.js';

const bin = new URL('../../bin/gauntlet', import.meta.url).pathname;

/** Starts a kept lab with `accounts` users (userN / passN) and returns it with a stop function. */
export async function startSeparateLab(kind, accounts) {
  const before = new Set((await listKeptLabs()).map((lab) => lab.id));
  await promisify(execFile)(process.execPath, [bin, 'lab', 'up', kind, '--keep', '--accounts', String(accounts)]);
  const lab = (await listKeptLabs()).find((candidate) => !before.has(candidate.id));
  if (!lab) throw new Error('the kept lab did not record its state');
  return {
    lab,
    /** CPU seconds (user + system) the server has used so far, from /proc. */
    cpuSeconds() {
      const fields = readFileSync(`/proc/${lab.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      await stopKeptLab(lab);
      await forgetKeptLab(lab.id);
    },
  };
}

/** Rewrites a `target: { lab }` scenario to reach the separate lab with its userN / passN accounts. */
export function pointScenarioAt(scenarioFile, lab, dir) {
  const scenario = parse(readFileSync(scenarioFile, 'utf8'));
  const count = scenario.accounts?.lab?.count;
  scenario.target = { domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, ca: lab.caFile };
  scenario.accounts = { pattern: { username: 'user{n}', password: 'pass{n}', count } };
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, stringify(scenario));
  return { file, accounts: count };
}
