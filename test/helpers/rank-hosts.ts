/**
 * Lab servers as rank meets them: a HostEntry with the domain and, where DNS is not the way,
 * its address; the CA and DNS the probes are told to trust and ask; the observer domain. Also
 * the account list of a lab server, read the server's own way (the "no account created" proof).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { labCa, labDns, type LabServer } from '../../src/lab/index.js';
import { ejabberdRegisteredUsers } from '../../src/lab/ejabberd-api.js';
import { jabberd2AccountJids } from '../../src/lab/jabberd2-sqlite.js';
import type { HostEntry } from '../../src/rank/facts.js';
import { RankObserver, type ProbeOptions } from '../../src/rank/probe/index.js';

/** Reached through the lab DNS by domain alone, as any public host would be. */
export function entryByDns(lab: LabServer): HostEntry {
  return { domain: lab.domains[0] };
}

/** Given by address, as a list names a host whose DNS is not public (HostEntry.host/ports). */
export function entryByAddress(lab: LabServer): HostEntry {
  return { domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, directPort: lab.ports.c2sDirectTls, s2sPort: lab.ports.s2s };
}

export async function probeOptions(caFile: string, extra: Partial<ProbeOptions> = {}): Promise<Partial<ProbeOptions>> {
  const dns = await labDns();
  // Generous steps: the machine is shared; the polite delay is kept short to keep tests short.
  return { ca: await readFile(caFile, 'utf8'), dnsServers: [`${dns.address}:${dns.port}`], stepTimeoutMs: 8000, politenessDelayMs: 20, ...extra };
}

export async function startObserver(caFile: string, domain = 'observer.rank.example'): Promise<RankObserver> {
  const [ca, dns] = await Promise.all([labCa(), labDns()]);
  return RankObserver.start({ domain, issuer: ca, trustedCaPems: [await readFile(caFile, 'utf8')], dns, listen: { host: '127.0.0.1', port: 0 }, timeoutMs: 8000 });
}

/** Prosody's file store writes every character but letters and digits as %xx. */
function unescapeStore(name: string): string {
  return name.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every account file in a Prosody lab's data directory (one per account, per domain). */
export async function prosodyAccounts(lab: LabServer): Promise<string[]> {
  const data = join(lab.dir, 'data');
  const found: string[] = [];
  for (const host of await readdir(data).catch(() => [] as string[])) {
    const files = await readdir(join(data, host, 'accounts')).catch(() => [] as string[]);
    found.push(...files.map((file) => `${unescapeStore(host)}/${unescapeStore(file)}`));
  }
  return found.sort();
}

/** ejabberd's accounts on both vhosts, from `registered_users` on the lab's mod_http_api listener. */
export async function ejabberdAccounts(lab: LabServer): Promise<string[]> {
  const config = parse(await readFile(join(lab.dir, 'ejabberd.yml'), 'utf8')) as { listen: Array<{ port: number; request_handlers?: Record<string, string> }> };
  const api = config.listen.find((l) => l.request_handlers?.['/api'] === 'mod_http_api');
  if (!api) throw new Error(`no mod_http_api listener in ${lab.dir}/ejabberd.yml`);
  const users = await Promise.all(lab.domains.map(async (domain) => (await ejabberdRegisteredUsers(`http://${lab.host}:${api.port}/api`, domain)).map((u) => `${domain}/${u}`)));
  return users.flat().sort();
}

/** Every account of a lab server, whatever its kind (jabberd2: the authreg table of its SQLite file). */
export function labAccounts(lab: LabServer): Promise<string[]> {
  if (lab.kind === 'ejabberd') return ejabberdAccounts(lab);
  if (lab.kind === 'jabberd2') return jabberd2AccountJids(join(lab.dir, 'jabberd2.sqlite'));
  return prosodyAccounts(lab);
}
