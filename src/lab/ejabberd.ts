import { randomBytes } from 'node:crypto';
import { appendFile, chown, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GauntletError } from '../util/errors.js';
import { labCa } from './ca.js';
import { labDns } from './dns.js';
import { createEjabberdAccounts, ejabberdStatus, versionFromStatus } from './ejabberd-api.js';
import { EJABBERD_HTTP_PATHS, renderEjabberdConfig } from './ejabberd-config.js';
import { httpCertificateNames, labHttpEndpoints } from './http-endpoints.js';
import { ejabberdLauncher, findBeam, stopEjabberdctl, type EjabberdLauncher } from './ejabberd-vm.js';
import { freePorts } from './ports.js';
import { spawnServer, tailFile, waitForPorts } from './process.js';
import { registerLabDomains } from './records.js';
import type { LabServer, LabStartOptions } from './types.js';

const DEFAULT_DOMAINS = ['a.ejabberd.lab.example', 'b.ejabberd.lab.example'] as const;
const HOST = '127.0.0.1';

interface LabFiles {
  dir: string;
  configFile: string;
  ctlConfigFile: string;
  logsDir: string;
  spoolDir: string;
  certFile: string;
  caFile: string;
  pidFile: string;
  consoleFile: string;
  uploadDir: string;
}

function labFiles(dir: string): LabFiles {
  return {
    dir,
    configFile: join(dir, 'ejabberd.yml'),
    ctlConfigFile: join(dir, 'ejabberdctl.cfg'),
    logsDir: join(dir, 'logs'),
    spoolDir: join(dir, 'spool'),
    certFile: join(dir, 'server.pem'),
    caFile: join(dir, 'ca.pem'),
    pidFile: join(dir, 'ejabberd.pid'),
    consoleFile: join(dir, 'console.log'),
    uploadDir: join(dir, 'upload'),
  };
}

/** ejabberdctl's arguments: every path inside the lab directory, never /etc/ejabberd or /var/lib. */
function ctlArguments(files: LabFiles, node: string): string[] {
  return [
    '--ctl-config', files.ctlConfigFile,
    '--config', files.configFile,
    '--config-dir', files.dir,
    '--logs', files.logsDir,
    '--spool', files.spoolDir,
    '--node', node,
  ];
}

/** Everything the VM reads or writes belongs to the account it runs as. */
async function giveTo(owner: EjabberdLauncher['owner'], paths: string[]): Promise<void> {
  if (owner) for (const path of paths) await chown(path, owner.uid, owner.gid);
}

/** A throwaway ejabberd on loopback with its own directory, node, cookie, ports and DNS names. */
export async function startEjabberd(options: LabStartOptions = {}): Promise<LabServer> {
  const launcher = await ejabberdLauncher();
  const variant = options.variant ?? 'baseline';
  const domains = options.domains ?? DEFAULT_DOMAINS;
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-ejabberd-'));
  const files = labFiles(dir);
  const [ca, dns, [c2s, c2sDirectTls, s2s, http, https, dist]] = await Promise.all([
    labCa(),
    labDns(),
    freePorts(6) as Promise<[number, number, number, number, number, number]>,
  ]);
  const ports = { c2s, c2sDirectTls, s2s };
  const issued = ca.issue([...domains, ...httpCertificateNames(domains)], { clientAuth: true });
  const rendered = renderEjabberdConfig({
    variant,
    domains,
    ports: { ...ports, http, https, dist },
    dns: options.resolver ?? dns,
    certFile: files.certFile,
    caFile: files.caFile,
    pidFile: files.pidFile,
    uploadDir: files.uploadDir,
  });
  await mkdir(files.logsDir);
  await mkdir(files.spoolDir);
  await mkdir(files.uploadDir);
  await writeFile(files.certFile, issued.certPem + issued.keyPem, { mode: 0o600 });
  await copyFile(ca.certFile, files.caFile);
  if (options.trustCaFile) await appendFile(files.caFile, await readFile(options.trustCaFile));
  for (const [name, text] of Object.entries(rendered)) await writeFile(join(dir, name), text);
  // HOME is the lab directory, so the VM reads this cookie and never ~ejabberd/.erlang.cookie.
  const cookieFile = join(dir, '.erlang.cookie');
  await writeFile(cookieFile, randomBytes(20).toString('hex'), { mode: 0o400 });
  const configFiles = Object.keys(rendered).map((name) => join(dir, name));
  await giveTo(launcher.owner, [dir, files.logsDir, files.spoolDir, files.uploadDir, files.certFile, files.caFile, cookieFile, ...configFiles]);

  const node = `gauntlet-${randomBytes(4).toString('hex')}@localhost`;
  const logFile = join(files.logsDir, 'ejabberd.log');
  // error.log only repeats ejabberd.log's warnings; the console adds what the VM printed itself.
  const logTail = async (lines = 30) => `${await tailFile(logFile, lines)}\n${await tailFile(files.consoleFile, 10)}`.trim();
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const started = performance.now();
  // foreground-quiet: the console only gets critical lines; the full log goes to logs/ejabberd.log.
  const server = spawnServer(launcher.command, [...launcher.prefix, ...ctlArguments(files, node), 'foreground-quiet'], {
    cwd: dir,
    logFile: files.consoleFile,
    env: { ...process.env, HOME: dir },
    detached: options.detached,
  });
  const apiUrl = `http://${HOST}:${http}/api`;
  let startupMs: number;
  let beam: number | undefined;
  let version: string;
  try {
    await waitForPorts(HOST, [c2s, c2sDirectTls, s2s, http, https], timeoutMs, { server, name: `ejabberd (${dir})`, logTail });
    startupMs = Math.round(performance.now() - started);
    // The ports are open, so the VM that holds them is there.
    beam = await findBeam(server, 1000);
    if (beam === undefined) {
      throw new GauntletError('internal', `ejabberd (${dir}) opened its ports but no beam.smp runs under ejabberdctl (pid ${server.pid})`);
    }
    version = versionFromStatus(await ejabberdStatus(apiUrl));
  } catch (error) {
    await stopEjabberdctl(server, 2000);
    // The directory stays for inspection: the error names its log.
    throw error;
  }
  const unregister = registerLabDomains(dns, domains, ports);

  return {
    kind: 'ejabberd',
    variant,
    version,
    host: HOST,
    domains,
    ports,
    http: labHttpEndpoints(domains[0], https, EJABBERD_HTTP_PATHS),
    caFile: files.caFile,
    dir,
    pid: beam,
    startupMs,
    async createAccounts(accounts) {
      const full = accounts.map((a) => ({ username: a.username, password: a.password, domain: a.domain ?? domains[0] }));
      await createEjabberdAccounts(apiUrl, full);
      return full.map((a) => ({ ...a, jid: `${a.username}@${a.domain}` }));
    },
    logTail,
    async stop() {
      unregister();
      await stopEjabberdctl(server);
      if (!options.keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
