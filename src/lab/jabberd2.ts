import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GauntletError } from '../util/errors.js';
import { labCa } from './ca.js';
import { labDns, type LabDns } from './dns.js';
import { renderJabberd2Config } from './jabberd2-config.js';
import { createJabberd2Database, insertJabberd2Accounts } from './jabberd2-sqlite.js';
import { freePorts } from './ports.js';
import { requireBinary, spawnServer, stopServer, tailFile, waitForPorts, type SpawnedServer } from './process.js';
import { registerLabDomains } from './records.js';
import type { LabServer, LabStartOptions, VariantName } from './types.js';

const DEFAULT_DOMAINS = ['a.jabberd2.lab.example', 'b.jabberd2.lab.example'] as const;
const HOST = '127.0.0.1';
const COMPONENTS = ['router', 'sm', 'c2s', 's2s'] as const;
type Component = (typeof COMPONENTS)[number];

/** Variants jabberd2 cannot express, and why. */
const UNSUPPORTED: Partial<Record<VariantName, string>> = {
  'no-dialback': 'its s2s authenticates peers only by dialback (it has no SASL EXTERNAL), so without dialback it cannot federate at all',
};

/** Where Debian puts authreg_sqlite.so and the sm modules (the multiarch directory). */
async function moduleDir(): Promise<string> {
  const candidates = (await readdir('/usr/lib').catch(() => [] as string[])).map((name) => join('/usr/lib', name, 'jabberd2'));
  const found = [join('/usr/lib', 'jabberd2'), ...candidates].find((dir) => existsSync(join(dir, 'authreg_sqlite.so')));
  if (!found) throw new GauntletError('environment', 'jabberd2 modules (authreg_sqlite.so) not found under /usr/lib', { hint: 'apt-get install -y jabberd2' });
  return found;
}

/**
 * s2s resolves peers with udns, which takes its name servers from NAMESERVERS and its port from
 * RES_OPTIONS before /etc/resolv.conf: that points it at the lab DNS alone.
 */
function resolverEnvironment(dns: Pick<LabDns, 'address' | 'port'>): NodeJS.ProcessEnv {
  return { ...process.env, NAMESERVERS: dns.address, RES_OPTIONS: `port:${dns.port}`, NSCACHEIP: undefined };
}

/** The sm opens no port of its own: it is ready once it has said so in its log. */
async function waitForSm(logFile: string, deadline: number, sm: SpawnedServer, logTail: () => Promise<string>): Promise<void> {
  let exited = false;
  void sm.exited.then(() => (exited = true));
  while (!/sm ready for sessions/.test(await readFile(logFile, 'utf8').catch(() => ''))) {
    if (exited || Date.now() > deadline) {
      const why = exited ? 'exited' : 'was not ready in time';
      throw new GauntletError('environment', `jabberd2 sm ${why}. Its log ends with:\n${await logTail()}`, { hint: 'the lines above come from the server itself' });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Thrown when a component died right after start: another process took one of its free-picked ports. */
class ComponentGone extends Error {}

/** A throwaway jabberd2 (router, sm, c2s, s2s) on loopback with its own directory, database, ports and DNS names. */
export async function startJabberd2(options: LabStartOptions = {}): Promise<LabServer> {
  try {
    return await startOnce(options);
  } catch (error) {
    if (!(error instanceof ComponentGone)) throw error;
    return startOnce(options); // new ports, once
  }
}

async function startOnce(options: LabStartOptions): Promise<LabServer> {
  const variant = options.variant ?? 'baseline';
  const refusal = UNSUPPORTED[variant];
  if (refusal) throw new GauntletError('usage', `the jabberd2 lab has no variant ${variant}: ${refusal}`, { hint: 'run this variant on prosody or ejabberd' });
  const binaries = Object.fromEntries(COMPONENTS.map((c) => [c, requireBinary(`jabberd2-${c}`, 'jabberd2')])) as Record<Component, string>;
  const domains = options.domains ?? DEFAULT_DOMAINS;
  const [modules, ca, dns, [c2s, c2sDirectTls, s2s, router]] = await Promise.all([
    moduleDir(),
    labCa(),
    labDns(),
    freePorts(4) as Promise<[number, number, number, number]>,
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-jabberd2-'));
  const ports = { c2s, c2sDirectTls, s2s };
  const pemFile = join(dir, 'server.pem');
  const caFile = join(dir, 'ca.pem');
  const dbFile = join(dir, 'jabberd2.sqlite');
  const issued = ca.issue([...domains], { clientAuth: true });
  await writeFile(pemFile, issued.certPem + issued.keyPem, { mode: 0o600 });
  await copyFile(ca.certFile, caFile);
  if (options.trustCaFile) await appendFile(caFile, await readFile(options.trustCaFile));
  await createJabberd2Database(dbFile);
  const secret = () => randomBytes(16).toString('hex');
  const rendered = renderJabberd2Config({ variant, domains, ports: { ...ports, router }, dir, moduleDir: modules, pemFile, caFile, dbFile, routerSecret: secret(), dialbackSecret: secret() });
  for (const [name, text] of Object.entries(rendered)) await writeFile(join(dir, name), text, { mode: 0o600 });

  const consoleFile = join(dir, 'console.log');
  const logTail = async (lines = 30) =>
    (await Promise.all([...COMPONENTS.map((c) => tailFile(join(dir, `${c}.log`), Math.ceil(lines / 4))), tailFile(consoleFile, 10)])).filter(Boolean).join('\n');
  const spawn = (component: Component, env?: NodeJS.ProcessEnv) =>
    spawnServer(binaries[component], ['-c', join(dir, `${component}.xml`)], { cwd: dir, logFile: consoleFile, env, detached: options.detached });
  const started = performance.now();
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const servers: SpawnedServer[] = [];
  // Stopped in reverse start order: the components before the router they hang on.
  const stopAll = async () => {
    for (const server of [...servers].reverse()) await stopServer(server);
  };
  try {
    const routerProcess = spawn('router');
    servers.push(routerProcess);
    // One name for every stage: the error says which ports were still closed.
    const name = `jabberd2 (${dir})`;
    await waitForPorts(HOST, [router], Math.max(1, deadline - Date.now()), { server: routerProcess, name, logTail });
    const sm = spawn('sm');
    servers.push(sm, spawn('c2s'), spawn('s2s', resolverEnvironment(options.resolver ?? dns)));
    for (const [server, waitPorts] of [[servers[2]!, [c2s, c2sDirectTls]], [servers[3]!, [s2s]]] as const) {
      await waitForPorts(HOST, waitPorts, Math.max(1, deadline - Date.now()), { server, name, logTail });
    }
    await waitForSm(join(dir, 'sm.log'), deadline, sm, logTail);
    // A port picked as free can be bound by someone else first: the component exits while the
    // other process answers on its port, so the port checks above cannot tell.
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (servers.some((server) => server.child.exitCode !== null || server.child.signalCode !== null)) {
      const tail = await logTail();
      await rm(dir, { recursive: true, force: true });
      throw new ComponentGone(`a jabberd2 component exited after start:\n${tail}`);
    }
  } catch (error) {
    await stopAll();
    // The directory stays for inspection: the error names its log.
    throw error;
  }
  const startupMs = Math.round(performance.now() - started);
  const version = /version: jabberd2 sm (\S+)/.exec(await readFile(join(dir, 'sm.log'), 'utf8'))?.[1] ?? 'unknown';
  const unregister = registerLabDomains(dns, domains, ports);

  return {
    kind: 'jabberd2',
    variant,
    version,
    host: HOST,
    domains,
    ports,
    caFile,
    dir,
    pid: servers[0]!.pid,
    companionPids: servers.slice(1).map((s) => s.pid),
    startupMs,
    async createAccounts(accounts) {
      const full = accounts.map((a) => ({ username: a.username, password: a.password, domain: a.domain ?? domains[0] }));
      await insertJabberd2Accounts(dbFile, full);
      return full.map((a) => ({ ...a, jid: `${a.username}@${a.domain}` }));
    },
    logTail,
    async stop() {
      unregister();
      await stopAll();
      if (!options.keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
