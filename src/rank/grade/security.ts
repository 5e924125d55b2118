/** Security points (see SECURITY_POINTS): what protects a password and a session, read from stream features. */
import type { HostFacts } from '../facts.js';
import { SECURITY_POINTS } from './rubric.js';
import { trace } from './trace.js';
import type { Point } from './types.js';

type SecurityId = keyof typeof SECURITY_POINTS;

const LABELS: Record<SecurityId, string> = {
  scram: 'SCRAM offered',
  'scram-sha-256': 'SCRAM-SHA-256 offered',
  'channel-binding-plus': 'channel binding (-PLUS) offered',
  'c2s-starttls-required': 'c2s encryption required',
  's2s-tls-required': 's2s encryption required',
  'no-plain-before-tls': 'no PLAIN before TLS',
};

function point(host: HostFacts, id: SecurityId, held: boolean | undefined, paths: string[], why: string): Point {
  const max = SECURITY_POINTS[id];
  const earned = held === undefined ? null : held ? max : 0;
  return { id, label: LABELS[id], max, earned, why, ...trace(host, paths) };
}

export function gradeSecurity(host: HostFacts): Point[] {
  const f = host.features;
  const fed = host.federation;
  const mechanisms = f ? [...f.mechanismsBeforeTls, ...f.mechanismsAfterTls] : undefined;
  const mechPaths = ['features.mechanismsBeforeTls', 'features.mechanismsAfterTls'];
  const listed = mechanisms ? `mechanisms: ${mechanisms.length > 0 ? [...new Set(mechanisms)].join(' ') : 'none'}` : `unknown: ${host.unknown.features ?? 'stream features not read'}`;
  const plainBefore = f?.mechanismsBeforeTls.includes('PLAIN');
  return [
    point(host, 'scram', mechanisms?.some((m) => m.startsWith('SCRAM-')), mechPaths, listed),
    point(host, 'scram-sha-256', mechanisms?.some((m) => m.startsWith('SCRAM-SHA-256')), mechPaths, listed),
    point(host, 'channel-binding-plus', mechanisms?.some((m) => m.endsWith('-PLUS')), mechPaths, listed),
    point(host, 'c2s-starttls-required', f?.startTlsRequired, ['features.startTlsRequired'], f ? `STARTTLS ${f.startTlsRequired ? 'required' : f.startTlsOffered ? 'offered, not required' : 'not offered'}` : listed),
    point(host, 's2s-tls-required', fed?.tlsRequired, ['federation.tlsRequired'], fed ? `s2s TLS ${fed.tlsRequired ? 'required' : fed.tlsOffered ? 'offered, not required' : 'not offered'}` : `unknown: ${host.unknown.federation ?? 'federation not probed'}`),
    point(host, 'no-plain-before-tls', plainBefore === undefined ? undefined : !plainBefore, ['features.mechanismsBeforeTls'], f ? `before TLS: ${f.mechanismsBeforeTls.join(' ') || 'no mechanism'}` : listed),
  ];
}
