import { execFile } from 'node:child_process';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GauntletError } from '../util/errors.js';
import { labCa } from './ca.js';
import { labDns } from './dns.js';
import { freePorts } from './ports.js';
import { requireBinary, spawnServer, stopServer, tailFile, waitForPorts } from './process.js';
import { createProsodyAccounts } from './prosody-admin.js';
import { httpCertificateNames, labHttpEndpoints } from './http-endpoints.js';
import { PROSODY_HTTP_PATHS, renderProsodyConfig } from './prosody-config.js';
import { HOST_META_MODULE, renderHostMetaModule } from './prosody-host-meta.js';
import { registerLabDomains } from './records.js';
import type { LabServer, LabStartOptions } from './types.js';

const DEFAULT_DOMAINS = ['a.prosody.lab.example', 'b.prosody.lab.example'] as const;

/**
 * Version and libunbound support from `prosodyctl about` (~50 ms). Without luaunbound Prosody
 * falls back to /etc/resolv.conf and never asks the lab DNS about s2s peers.
 */
async function aboutProsody(configFile: string): Promise<string> {
  const { stdout } = await promisify(execFile)('prosodyctl', ['--config', configFile, 'about']);
  if (!/^luaunbound:/m.test(stdout)) {
    throw new GauntletError('environment', 'Prosody has no libunbound bindings, so it cannot resolve lab s2s domains', {
      hint: 'apt-get install -y lua-unbound',
    });
  }
  return /^Prosody (\S+)/m.exec(stdout)?.[1] ?? 'unknown';
}

/** A throwaway Prosody on loopback with its own directory, certificates, ports and DNS names. */
export async function startProsody(options: LabStartOptions = {}): Promise<LabServer> {
  const binary = requireBinary('prosody', 'prosody');
  const variant = options.variant ?? 'baseline';
  const domains = options.domains ?? DEFAULT_DOMAINS;
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-prosody-'));
  const certFile = join(dir, 'certs', 'server.crt');
  const keyFile = join(dir, 'certs', 'server.key');
  const caFile = join(dir, 'ca.pem');
  const configFile = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');
  const consoleFile = join(dir, 'console.log');

  const [ca, dns, [c2s, c2sDirectTls, s2s, https]] = await Promise.all([labCa(), labDns(), freePorts(4) as Promise<[number, number, number, number]>]);
  const ports = { c2s, c2sDirectTls, s2s };
  const issued = ca.issue([...domains, ...httpCertificateNames(domains)], { clientAuth: true, expired: options.expiredCertificate });
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'certs'));
  await mkdir(join(dir, 'modules'));
  await writeFile(join(dir, 'modules', `mod_${HOST_META_MODULE}.lua`), renderHostMetaModule(https, PROSODY_HTTP_PATHS));
  await writeFile(certFile, issued.certPem);
  await writeFile(keyFile, issued.keyPem, { mode: 0o600 });
  await copyFile(ca.certFile, caFile);
  if (options.trustCaFile) await appendFile(caFile, await readFile(options.trustCaFile));
  // As root Prosody must be told it may stay root; otherwise it runs as whoever starts it.
  const runAsRoot = process.getuid?.() === 0;
  await writeFile(configFile, renderProsodyConfig({ variant, domains, ports: { ...ports, https }, dns: options.resolver ?? dns, dir, certFile, keyFile, caFile, runAsRoot }));
  const version = await aboutProsody(configFile).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });

  const logTail = async (lines = 30) => `${await tailFile(logFile, lines)}\n${await tailFile(consoleFile, 10)}`.trim();
  const started = performance.now();
  const server = spawnServer(binary, ['--config', configFile, '-F'], { cwd: dir, logFile: consoleFile, detached: options.detached });
  try {
    await waitForPorts('127.0.0.1', [c2s, c2sDirectTls, s2s, https], options.startTimeoutMs ?? 30_000, { server, name: `Prosody (${dir})`, logTail });
  } catch (error) {
    await stopServer(server);
    // The directory stays for inspection: the error names its log.
    throw error;
  }
  const startupMs = Math.round(performance.now() - started);
  const unregister = registerLabDomains(dns, domains, ports);
  const socketPath = join(dir, 'data', 'prosody.sock');

  return {
    kind: 'prosody',
    variant,
    version,
    host: '127.0.0.1',
    domains,
    ports,
    http: labHttpEndpoints(domains[0], https, PROSODY_HTTP_PATHS),
    caFile,
    dir,
    pid: server.pid,
    startupMs,
    async createAccounts(accounts) {
      const full = accounts.map((a) => ({ username: a.username, password: a.password, domain: a.domain ?? domains[0] }));
      await createProsodyAccounts({ socketPath, configFile }, full);
      return full.map((a) => ({ ...a, jid: `${a.username}@${a.domain}` }));
    },
    logTail,
    async stop() {
      unregister();
      await stopServer(server);
      if (!options.keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
