import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GauntletError } from '../util/errors.js';
import { labCa } from './ca.js';
import { labDns } from './dns.js';
import { freePorts } from './ports.js';
import { requireBinary, spawnServer, stopServer, tailFile, waitForPorts } from './process.js';
import { createProsodyAccounts } from './prosody-admin.js';
import { renderProsodyConfig } from './prosody-config.js';
import { registerLabDomains } from './records.js';
import type { LabServer, LabStartOptions } from './types.js';

const DEFAULT_DOMAINS = ['a.prosody.lab.example', 'b.prosody.lab.example'] as const;
const LUNBOUND = '/usr/lib/x86_64-linux-gnu/lua/5.4/lunbound.so';

async function prosodyVersion(): Promise<string> {
  const text = await readFile('/usr/lib/prosody/prosody.version', 'utf8').catch(() => 'unknown');
  return text.trim();
}

/** Starts a throwaway Prosody on loopback; see docs/architecture.md ("Lab servers"). */
export async function startProsody(options: LabStartOptions = {}): Promise<LabServer> {
  const binary = requireBinary('prosody', 'prosody');
  if (!existsSync(LUNBOUND)) {
    throw new GauntletError('environment', 'Prosody needs libunbound bindings to resolve lab s2s domains', {
      hint: 'install them with: apt-get install -y lua-unbound',
    });
  }
  const variant = options.variant ?? 'baseline';
  const domains = options.domains ?? DEFAULT_DOMAINS;
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-prosody-'));
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'certs'));

  const ca = await labCa();
  const issued = ca.issue([...domains], { clientAuth: true });
  const certFile = join(dir, 'certs', 'server.crt');
  const keyFile = join(dir, 'certs', 'server.key');
  const caFile = join(dir, 'ca.pem');
  await writeFile(certFile, issued.certPem);
  await writeFile(keyFile, issued.keyPem, { mode: 0o600 });
  await copyFile(ca.certFile, caFile);

  const [c2s, c2sDirectTls, s2s] = (await freePorts(3)) as [number, number, number];
  const ports = { c2s, c2sDirectTls, s2s };
  const dns = await labDns();
  const configFile = join(dir, 'prosody.cfg.lua');
  const runAsRoot = process.getuid?.() === 0;
  await writeFile(configFile, renderProsodyConfig({ variant, domains, ports, dns, dir, certFile, keyFile, runAsRoot }));

  const logFile = join(dir, 'prosody.log');
  const console = join(dir, 'console.log');
  const logTail = async (lines = 30) => `${await tailFile(logFile, lines)}\n${await tailFile(console, 10)}`.trim();
  const started = performance.now();
  const server = spawnServer(binary, ['--config', configFile, '-F'], { cwd: dir, logFile: console, detached: options.detached });
  try {
    await waitForPorts('127.0.0.1', [c2s, c2sDirectTls, s2s], {
      timeoutMs: options.startTimeoutMs ?? 30_000,
      server,
      name: 'Prosody',
      logTail,
    });
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  const startupMs = Math.round(performance.now() - started);
  const unregister = registerLabDomains(dns, domains, ports);
  const socketPath = join(dir, 'data', 'prosody.sock');

  return {
    kind: 'prosody',
    variant,
    version: await prosodyVersion(),
    host: '127.0.0.1',
    domains,
    ports,
    caFile,
    dir,
    pid: server.pid,
    startupMs,
    async createAccounts(accounts) {
      const full = accounts.map((a) => ({ ...a, domain: a.domain ?? domains[0] }));
      await createProsodyAccounts(socketPath, full);
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
