/**
 * TLS facts of one endpoint (c2s or s2s, STARTTLS or direct): which versions complete a
 * handshake, which classes of suites and which key-exchange groups are accepted, and the
 * certificate. Each class is offered alone in its own handshake (the method xmppoke and SSL
 * Labs use); about twenty short handshakes per endpoint, paced by the host's pacer.
 */
import type tls from 'node:tls';
import { boundedText } from '../../util/bounded-text.js';
import type { Evidence, TlsFacts, TlsVersion } from '../facts.js';
import { certificateFacts } from './certificate.js';
import { anonymousOrNull, cipherBits, forwardSecret } from './cipher-facts.js';
import { inspectHandshake, LEGACY_CIPHERS, type Endpoint, type HandshakeParams, type Inspected } from './inspect-handshake.js';
import type { Pacer } from './pacer.js';

const VERSIONS: TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** TLS 1.2 suite classes, strongest first; the weak ones need security level 0 on our side. */
const TLS12_CLASSES = [
  'ECDHE+AESGCM',
  'ECDHE+CHACHA20',
  'ECDHE+AES:!AESGCM:!AESCCM',
  'kDHE+AES:kDHE+CHACHA20',
  'kRSA:@SECLEVEL=0',
  '3DES:@SECLEVEL=0',
  'eNULL:@SECLEVEL=0',
  'aNULL:@SECLEVEL=0',
];
const TLS13_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const GROUPS = ['X25519', 'P-256', 'P-384', 'P-521', 'X448'];

export interface TlsProbeResult {
  /** Undefined when the endpoint could not be reached at all (reason in `unreachable`). */
  facts?: TlsFacts;
  unreachable?: string;
  evidence: Evidence[];
  unknown: Record<string, string>;
}

function describe(endpoint: Endpoint, params: Omit<HandshakeParams, 'timeoutMs'>): string {
  const offer = [params.ciphers && `suites ${params.ciphers}`, params.ecdhCurve && `group ${params.ecdhCurve}`].filter(Boolean).join(', ');
  return `${params.version} ClientHello${offer ? ` (${offer})` : ''} to ${endpoint.host}:${endpoint.port} ${endpoint.mode === 'starttls' ? 'after STARTTLS' : 'direct TLS'}`;
}

function seen(result: Inspected): string {
  if (result.ok) return `accepted: ${result.protocol} ${result.cipher}${result.group ? ` group ${result.group}` : ''}${result.authorized ? '' : `; certificate not trusted: ${result.trustError}`}`;
  return `${result.stage === 'refused' ? 'refused' : `no handshake (${result.stage})`}: ${boundedText(result.error, 300)}`;
}

export async function probeTls(endpoint: Endpoint, factPath: string, pacer: Pacer, timeoutMs: number): Promise<TlsProbeResult> {
  const evidence: Evidence[] = [];
  const unknown: Record<string, string> = {};
  const attempt = async (params: Omit<HandshakeParams, 'timeoutMs'>, fact: string): Promise<Inspected> => {
    const result = await pacer.run(() => inspectHandshake(endpoint, { ...params, timeoutMs }));
    evidence.push({ probe: describe(endpoint, params), seen: seen(result), facts: [`${factPath}.${fact}`] });
    return result;
  };

  const accepted: TlsVersion[] = [];
  const refused: TlsVersion[] = [];
  const ciphers: TlsFacts['ciphers'] = [];
  let certificateFrom: Extract<Inspected, { ok: true }> | undefined;
  const noteCipher = (version: TlsVersion, name: string) => {
    if (!ciphers.some((c) => c.version === version && c.name === name)) ciphers.push({ version, name, bits: cipherBits(name), forwardSecret: forwardSecret(name, version) });
  };

  // Newest first: an endpoint that cannot be reached is learned on the first try.
  for (const version of [...VERSIONS].reverse()) {
    const legacy = version === 'TLSv1' || version === 'TLSv1.1';
    const result = await attempt({ version, ciphers: legacy ? LEGACY_CIPHERS : undefined }, 'versionsAccepted');
    if (result.ok) {
      accepted.push(version);
      noteCipher(version, result.cipher);
      if (!certificateFrom) certificateFrom = result;
    } else if (result.stage === 'refused') refused.push(version);
    else if (result.stage === 'client') unknown[`${factPath}.versionsAccepted.${version}`] = `this client cannot offer ${version}: ${result.error}`;
    else if (accepted.length === 0 && refused.length === 0) return { unreachable: `${endpoint.host}:${endpoint.port}: ${result.stage}: ${result.error}`, evidence, unknown };
    else unknown[`${factPath}.versionsAccepted.${version}`] = `${result.stage}: ${result.error}`;
  }

  let anonymousOrNullAccepted = false;
  if (accepted.includes('TLSv1.2')) {
    for (const suites of TLS12_CLASSES) {
      const result = await attempt({ version: 'TLSv1.2', ciphers: suites }, 'ciphers');
      if (!result.ok) continue;
      noteCipher('TLSv1.2', result.cipher);
      if (anonymousOrNull(result.cipher)) anonymousOrNullAccepted = true;
    }
  }
  if (accepted.includes('TLSv1.3')) {
    for (const suite of TLS13_SUITES) {
      const result = await attempt({ version: 'TLSv1.3', ciphers: suite }, 'ciphers');
      if (result.ok) noteCipher('TLSv1.3', result.cipher);
    }
  }

  const groups: string[] = [];
  const newest = accepted[0] as tls.SecureVersion | undefined;
  if (newest) {
    for (const group of GROUPS) {
      const result = await attempt({ version: newest, ecdhCurve: group, ciphers: newest === 'TLSv1.3' ? undefined : 'ECDHE:@SECLEVEL=0' }, 'groups');
      if (result.ok) groups.push(result.group ?? group);
      else if (result.stage === 'client') unknown[`${factPath}.groups.${group}`] = `this client cannot offer ${group}`;
    }
  }

  const facts: TlsFacts = {
    mode: endpoint.mode,
    host: endpoint.host,
    port: endpoint.port,
    versionsAccepted: VERSIONS.filter((v) => accepted.includes(v)),
    versionsRefused: VERSIONS.filter((v) => refused.includes(v)),
    ciphers,
    groups,
    minCipherBits: ciphers.length ? Math.min(...ciphers.map((c) => c.bits)) : 0,
    acceptsAnonymousOrNull: anonymousOrNullAccepted,
  };
  if (certificateFrom) facts.certificate = certificateFacts(certificateFrom.certificate, endpoint.domain, certificateFrom);
  else unknown[`${factPath}.certificate`] = 'no handshake completed to read it from';
  return { facts, evidence, unknown };
}
