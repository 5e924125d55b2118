import { readFile } from 'node:fs/promises';
import { resolveSrv as systemResolveSrv } from 'node:dns/promises';
import type { SrvRecord } from 'node:dns';
import { connect } from 'node:net';
import type { LabServer } from '../lab/types.js';
import { DEFAULT_PORTS, type Target } from '../scenario/index.js';
import type { ConnectionTarget } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { endpointAddress, endpointUrl } from './transport-target.js';

/** What result.json says about the target. */
export interface TargetSummary {
  domain: string;
  host: string;
  port: number;
  tls: ConnectionTarget['tls'];
  /** How host and port were found. */
  via: 'lab' | 'explicit' | 'srv' | 'fallback' | 'url' | 'host-meta';
  /** WebSocket or BOSH (absent for TCP) and the endpoint sessions use. */
  transport?: 'websocket' | 'bosh';
  url?: string;
  lab?: LabInfo;
  /** The second server of a two-server run (`federate_with`), where every other user lives; `kind` etc. for a lab one. */
  federatedWith?: Partial<LabInfo> & { domain: string; host?: string; port: number };
}

interface LabInfo {
  kind: string;
  version: string;
  variant: string;
  startupMs: number;
}

/** The second server of a two-server run and how clients reach it; `lab` when the run started it. */
export interface FederatedEndpoint {
  connection: ConnectionTarget;
  lab?: LabServer;
}

export interface ResolvedTarget {
  connection: ConnectionTarget;
  summary: TargetSummary;
  lab?: LabServer;
  federated?: FederatedEndpoint;
}

interface Endpoint {
  host: string;
  port: number;
  via: TargetSummary['via'];
}

export interface TargetDeps {
  /** DNS SRV lookup; the system resolver by default. */
  resolveSrv?: (name: string) => Promise<SrvRecord[]>;
  /** Limit for the TCP reachability probe of each endpoint. */
  reachTimeoutMs?: number;
}

const REACH_TIMEOUT_MS = 5000;

async function labConnection(lab: LabServer): Promise<ConnectionTarget> {
  return { domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, tls: 'starttls', caPem: await readFile(lab.caFile, 'utf8'), allowCleartextAuth: false };
}

const labInfo = (lab: LabServer): LabInfo => ({ kind: lab.kind, version: lab.version, variant: lab.variant, startupMs: lab.startupMs });

/**
 * The lab (node-forge, dns2: ~14 MB) is only loaded when a scenario asks for it. Lab servers
 * started by one process share its loopback DNS, so a second one (`federate_with`) federates
 * with the first over s2s.
 */
async function startLabTarget(target: Extract<Target, { kind: 'lab' }>): Promise<ResolvedTarget> {
  const { startLab } = await import('../lab/index.js');
  const started: LabServer[] = [];
  try {
    const lab = await startLab(target.server, { variant: target.variant });
    started.push(lab);
    let connection = await labConnection(lab);
    const summary: TargetSummary = { domain: connection.domain, host: lab.host, port: lab.ports.c2s, tls: 'starttls', via: 'lab', lab: labInfo(lab) };
    if (target.transport && target.transport !== 'tcp') {
      const url = await endpointUrl(connection, target, lab);
      connection = { ...connection, port: endpointAddress(url, lab.host).port, tls: 'direct', transport: target.transport, url };
      Object.assign(summary, { port: connection.port, tls: 'direct', transport: target.transport, url });
    }
    if (!target.federateWith) return { connection, lab, summary };
    const second = await startLab(target.federateWith);
    started.push(second);
    const federated = { lab: second, connection: await labConnection(second) };
    summary.federatedWith = { ...labInfo(second), domain: second.domains[0], port: second.ports.c2s };
    return { connection, lab, summary, federated };
  } catch (error) {
    await Promise.all(started.map((lab) => lab.stop()));
    throw error;
  }
}

/**
 * RFC 6120 §3.2.1 (and XEP-0368 for direct TLS): the domain's SRV records in priority order (the
 * heavier first within a priority), else the domain itself on the default port.
 */
export async function discoverEndpoints(domain: string, tls: ConnectionTarget['tls'], lookup = systemResolveSrv): Promise<Endpoint[]> {
  const service = tls === 'direct' ? '_xmpps-client._tcp' : '_xmpp-client._tcp';
  const records = await lookup(`${service}.${domain}`).catch(() => [] as SrvRecord[]);
  if (records.length === 1 && records[0]!.name === '.') {
    throw new GauntletError('unreachable', `${domain} publishes no ${service} service (its SRV record points to ".")`, {
      hint: tls === 'direct' ? 'try tls: starttls, or give host and port explicitly' : 'give host and port explicitly',
    });
  }
  if (records.length === 0) return [{ host: domain, port: DEFAULT_PORTS[tls], via: 'fallback' }];
  return [...records]
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
    .map((record) => ({ host: record.name.replace(/\.$/, ''), port: record.port, via: 'srv' as const }));
}

/** Resolves when a TCP connection to host:port opens; rejects with the reason otherwise. */
function probe(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(why));
    };
    socket.once('connect', () => (socket.destroy(), resolve()));
    socket.once('timeout', () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  });
}

/** The first endpoint that accepts a TCP connection, tried in order. */
async function firstReachable(endpoints: Endpoint[], timeoutMs: number): Promise<Endpoint> {
  const failures: string[] = [];
  for (const endpoint of endpoints) {
    try {
      await probe(endpoint.host, endpoint.port, timeoutMs);
      return endpoint;
    } catch (error) {
      failures.push(`${endpoint.host}:${endpoint.port} (${(error as Error).message})`);
    }
  }
  throw new GauntletError('unreachable', `cannot reach ${failures.join(', ')}`, {
    hint: 'check the target host and port (or the domain\'s DNS SRV records) and that the server is running and reachable from here',
  });
}

function readCa(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((cause) => {
    throw new GauntletError('config', `cannot read the CA file ${file}`, { cause, hint: 'target.ca is relative to the scenario file' });
  });
}

type ServerSpec = Pick<Extract<Target, { kind: 'server' }>, 'host' | 'port' | 'tls' | 'ca' | 'allowCleartextAuth'>;

/** Finds one real server (explicit host, or SRV) and checks it answers. */
async function reachServer(domain: string, target: ServerSpec, deps: TargetDeps): Promise<{ connection: ConnectionTarget; via: TargetSummary['via'] }> {
  const candidates: Endpoint[] = target.host
    ? [{ host: target.host, port: target.port ?? DEFAULT_PORTS[target.tls], via: 'explicit' }]
    : await discoverEndpoints(domain, target.tls, deps.resolveSrv);
  const caPem = target.ca ? await readCa(target.ca) : undefined;
  const found = await firstReachable(candidates, deps.reachTimeoutMs ?? REACH_TIMEOUT_MS);
  return { connection: { domain, host: found.host, port: found.port, tls: target.tls, caPem, allowCleartextAuth: target.allowCleartextAuth }, via: found.via };
}

/** A server reached over WebSocket or BOSH: the URL given or discovered (XEP-0156), and its host:port answering. */
async function reachOverHttp(target: Extract<Target, { kind: 'server' }>, transport: 'websocket' | 'bosh', deps: TargetDeps): Promise<ResolvedTarget> {
  const domain = target.domains[0]!;
  const caPem = target.ca ? await readCa(target.ca) : undefined;
  const base: ConnectionTarget = { domain, host: target.host ?? domain, port: 443, tls: 'direct', caPem, allowCleartextAuth: target.allowCleartextAuth };
  const url = await endpointUrl(base, target);
  const { host, port } = endpointAddress(url, target.host);
  await firstReachable([{ host, port, via: 'explicit' }], deps.reachTimeoutMs ?? REACH_TIMEOUT_MS);
  const tls = /^(wss|https):/.test(url) ? 'direct' : 'none';
  const connection: ConnectionTarget = { ...base, host, port, tls, transport, url };
  const via = target.url ? 'url' : 'host-meta';
  return { connection, summary: { domain, host, port, tls, via, transport, url } };
}

/** Starts the lab server, or finds the real server (and the second one of a two-server run) and checks each answers before any load. */
export async function resolveTarget(target: Target, deps: TargetDeps = {}): Promise<ResolvedTarget> {
  if (target.kind === 'lab') return startLabTarget(target);
  if (target.transport && target.transport !== 'tcp') return reachOverHttp(target, target.transport, deps);
  const { connection, via } = await reachServer(target.domains[0]!, target, deps);
  const summary: TargetSummary = { domain: connection.domain, host: connection.host, port: connection.port, tls: connection.tls, via };
  if (!target.federateWith) return { connection, summary };
  const second = await reachServer(target.federateWith.domain, target.federateWith, deps);
  summary.federatedWith = { domain: second.connection.domain, host: second.connection.host, port: second.connection.port };
  return { connection, summary, federated: { connection: second.connection } };
}
