import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabPorts, ServerKind, VariantName } from './types.js';

/** What `gauntlet lab up --keep` leaves behind so that `gauntlet lab down` can stop it later. */
export interface KeptLab {
  id: string;
  kind: ServerKind;
  variant: VariantName;
  pid: number;
  /** jabberd2's sm, c2s and s2s: stopped before `pid`. */
  companionPids?: number[];
  dir: string;
  domains: readonly string[];
  host: string;
  ports: LabPorts;
  caFile: string;
  startedAt: string;
}

/** This checkout of gauntlet (the folder holding dist/ or src/): two checkouts keep apart. */
function checkoutId(): string {
  const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  return createHash('sha256').update(root).digest('hex').slice(0, 12);
}

/**
 * Kept labs are remembered per user and per checkout, so `lab down` never stops what another
 * user, or another copy of gauntlet, started.
 */
export function labStateDir(): string {
  const base = process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state');
  return join(base, 'xmpp-gauntlet', 'lab', `${userInfo().username}-${checkoutId()}`);
}

export async function rememberKeptLab(lab: KeptLab): Promise<string> {
  const dir = labStateDir();
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${lab.id}.json`);
  await writeFile(file, `${JSON.stringify(lab, null, 2)}\n`);
  return file;
}

export async function listKeptLabs(): Promise<KeptLab[]> {
  const dir = labStateDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const labs: KeptLab[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text) labs.push(JSON.parse(text) as KeptLab);
  }
  return labs;
}

export async function forgetKeptLab(id: string): Promise<void> {
  await rm(join(labStateDir(), `${id}.json`), { force: true });
}
