import { readFile } from 'node:fs/promises';
import { resolveSrv } from 'node:dns/promises';
import { connect } from 'node:net';
import { startLab } from '../lab/index.js';
import type { LabServer } from '../lab/types.js';
import type { Target } from '../scenario/types.js';
import type { ConnectionTarget } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';

/** What result.json says about the target. */
export interface TargetSummary {
  domain: string;
  host: string;
  port: number;
  tls: ConnectionTarget['tls'];
  /** How host and port were found. */
  via: 'lab' | 'explicit' | 'srv' | 'fallback';
  lab?: { kind: string; version: string; variant: string; startupMs: number };
}

export interface ResolvedTarget {
  connection: ConnectionTarget;
  summary: TargetSummary;
  lab?: LabServer;
}

const DEFAULT_PORT = { starttls: 5222, none: 5222, direct: 5223 } as const;
const REACH_TIMEOUT_MS = 5000;

async function startLabTarget(target: Extract<Target, { kind: 'lab' }>): Promise<ResolvedTarget> {
  const lab = await startLab(target.server, { variant: target.variant });
  const connection: ConnectionTarget = {
    domain: lab.domains[0],
    host: lab.host,
    port: lab.ports.c2s,
    tls: 'starttls',
    caPem: await readFile(lab.caFile, 'utf8'),
    allowCleartextAuth: false,
  };
  const labInfo = { kind: lab.kind, version: lab.version, variant: lab.variant, startupMs: lab.startupMs };
  return { connection, lab, summary: { domain: connection.domain, host: lab.host, port: lab.ports.c2s, tls: 'starttls', via: 'lab', lab: labInfo } };
}

/** RFC 6120 §3.2 / XEP-0368: SRV first (`_xmpps-client` for direct TLS), else the domain itself. */
async function discover(domain: string, tls: ConnectionTarget['tls']): Promise<{ host: string; port: number; via: 'srv' | 'fallback' }> {
  const service = tls === 'direct' ? '_xmpps-client._tcp' : '_xmpp-client._tcp';
  const records = await resolveSrv(`${service}.${domain}`).catch(() => []);
  const best = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  if (best && best.name !== '.') return { host: best.name, port: best.port, via: 'srv' };
  return { host: domain, port: DEFAULT_PORT[tls], via: 'fallback' };
}

function checkReachable(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: REACH_TIMEOUT_MS });
    const fail = (why: string) => {
      socket.destroy();
      reject(
        new GauntletError('unreachable', `cannot reach ${host}:${port} (${why})`, {
          hint: 'check the target host and port (or its DNS SRV records) and that the server is running',
        }),
      );
    };
    socket.once('connect', () => (socket.destroy(), resolve()));
    socket.once('timeout', () => fail(`no answer within ${REACH_TIMEOUT_MS} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  });
}

/** Starts the lab server, or finds the real server and checks it answers before any load. */
export async function resolveTarget(target: Target): Promise<ResolvedTarget> {
  if (target.kind === 'lab') return startLabTarget(target);
  const domain = target.domains[0]!;
  const found = target.host ? { host: target.host, port: target.port ?? DEFAULT_PORT[target.tls], via: 'explicit' as const } : await discover(domain, target.tls);
  const caPem = target.ca
    ? await readFile(target.ca, 'utf8').catch((cause) => {
        throw new GauntletError('config', `cannot read the CA file ${target.ca}`, { cause, hint: 'target.ca is relative to the scenario file' });
      })
    : undefined;
  await checkReachable(found.host, found.port);
  const connection: ConnectionTarget = { domain, host: found.host, port: found.port, tls: target.tls, caPem, allowCleartextAuth: target.allowCleartextAuth };
  return { connection, summary: { domain, host: found.host, port: found.port, tls: target.tls, via: found.via } };
}
