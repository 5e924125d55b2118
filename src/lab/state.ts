import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
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

export function labStateDir(): string {
  const base = process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state');
  return join(base, 'xmpp-gauntlet', 'lab');
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
