/**
 * B9: cipher-suite policy, one TLS 1.2 handshake per class of suites offered alone (the method
 * xmppoke used). Only classes this client's OpenSSL can still offer are tested; RC4, EXPORT and
 * DES are compiled out of it, so they are named as untested rather than passed.
 */
import type { CheckDefinition, CheckTarget } from '../types.js';
import { handshake, ports } from './handshake.js';

const UNTESTABLE = 'RC4, EXPORT and DES suites are not tested (this client cannot offer them)';

/** Which ports accept a handshake offering only `ciphers`; throws on our own failures. */
async function acceptedOn(target: CheckTarget, ciphers: string): Promise<string[]> {
  const accepted: string[] = [];
  for (const port of ports(target)) {
    const result = await handshake(target, { directTls: port.directTls, version: 'TLSv1.2', ciphers });
    // A completed handshake whose certificate we then reject (anonymous suites) was still accepted.
    if (result.ok || result.stage === 'unverified') accepted.push(`${port.name}${result.ok ? ` (${result.cipher.name})` : ''}`);
    else if (result.stage !== 'refused') throw new Error(`${port.name}, ${ciphers}: ${result.stage}: ${result.error}`);
  }
  return accepted;
}

/** One line per class of suite (NULL encryption, anonymous) that some port accepts. */
export async function unauthenticatedOrCleartextSuites(target: CheckTarget): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, ciphers] of [['NULL-encryption', 'eNULL:@SECLEVEL=0'], ['anonymous', 'aNULL:@SECLEVEL=0']] as const) {
    const accepted = await acceptedOn(target, ciphers);
    if (accepted.length > 0) problems.push(`${name} suites accepted on ${accepted.join(', ')}`);
  }
  return problems;
}

const noWeakSuites: CheckDefinition = {
  id: 'rfc9325.tls.no-null-or-anonymous-suites',
  title: 'Suites without encryption (NULL) or without authentication (anonymous) are refused',
  area: 'tls',
  level: 'MUST',
  // NULL encryption is named in RFC 9325; an anonymous suite leaves no certificate to validate.
  spec: [{ doc: 'RFC 9325', section: '4.1' }, { doc: 'RFC 6120', section: '13.7.2.1' }],
  tags: ['tls', 'ciphers'],
  async run(ctx) {
    const problems = await unauthenticatedOrCleartextSuites(ctx.target);
    if (problems.length > 0) return { outcome: 'violation', reason: problems.join('; ') };
    return { outcome: 'pass', reason: `NULL-encryption and anonymous suites refused on every port; ${UNTESTABLE}` };
  },
};

const forwardSecrecy: CheckDefinition = {
  id: 'rfc9325.tls.forward-secrecy',
  title: 'Static-RSA key transport (no forward secrecy) is refused',
  area: 'tls',
  level: 'SHOULD',
  spec: [{ doc: 'RFC 9325', section: '4.1' }],
  tags: ['tls', 'ciphers'],
  async run(ctx) {
    const accepted = await acceptedOn(ctx.target, 'kRSA');
    if (accepted.length > 0) return { outcome: 'violation', reason: `TLS 1.2 suites with RSA key transport accepted on ${accepted.join(', ')}` };
    return { outcome: 'pass', reason: 'TLS 1.2 suites with RSA key transport are refused; only forward-secret key exchange is accepted' };
  },
};

export const cipherChecks: readonly CheckDefinition[] = [noWeakSuites, forwardSecrecy];
