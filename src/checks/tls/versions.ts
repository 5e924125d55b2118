/** B7, B8: TLS versions — 1.2 works (1.3 recorded), 1.0 and 1.1 are refused on every c2s port. */
import type tls from 'node:tls';
import type { CheckDefinition, CheckTarget } from '../types.js';
import { handshake, ports } from './handshake.js';
import { handshakeProblem } from './handshake-blame.js';

/** What our own OpenSSL needs to even offer TLS 1.0/1.1 (its default security level forbids them). */
const LEGACY_CLIENT_CIPHERS = 'DEFAULT:@SECLEVEL=0';

const tls12Supported: CheckDefinition = {
  id: 'rfc9325.tls.tls12-supported',
  title: 'TLS 1.2 is supported on every c2s port (TLS 1.3 support is recorded)',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'RFC 9325', section: '3.1.1' }],
  tags: ['tls', 'versions'],
  async run(ctx) {
    const found: string[] = [];
    for (const port of ports(ctx.target)) {
      const v12 = await handshake(ctx.target, { directTls: port.directTls, version: 'TLSv1.2' });
      if (!v12.ok && v12.stage !== 'refused') throw handshakeProblem(v12, port.name);
      if (!v12.ok) return { outcome: 'violation', reason: `${port.name}: a TLS 1.2 handshake was refused (${v12.error})` };
      const v13 = await handshake(ctx.target, { directTls: port.directTls, version: 'TLSv1.3' });
      found.push(`${port.name}: TLS 1.2 (${v12.cipher.name}), TLS 1.3 ${v13.ok ? `yes (${v13.cipher.name})` : 'no'}`);
    }
    return { outcome: 'pass', reason: found.join('; ') };
  },
};

/** The ports that completed a handshake at `version` (even if we then rejected the certificate: the server accepted). */
export async function legacyVersionsAccepted(target: CheckTarget): Promise<{ accepted: string[]; refused: string[] }> {
  const accepted: string[] = [];
  const refused: string[] = [];
  for (const port of ports(target)) {
    for (const version of ['TLSv1', 'TLSv1.1'] as tls.SecureVersion[]) {
      const result = await handshake(target, { directTls: port.directTls, version, ciphers: LEGACY_CLIENT_CIPHERS });
      if (result.ok) accepted.push(`${version} on ${port.name} (${result.cipher.name})`);
      else if (result.stage === 'unverified') accepted.push(`${version} on ${port.name} (handshake completed; certificate not trusted: ${result.error})`);
      else if (result.stage === 'refused') refused.push(`${version} on ${port.name}`);
      else throw new Error(`${version} on ${port.name}: ${result.stage}: ${result.error}`);
    }
  }
  return { accepted, refused };
}

const legacyRefused: CheckDefinition = {
  id: 'rfc8996.tls.legacy-versions-refused',
  title: 'TLS 1.0 and TLS 1.1 handshakes are refused on every c2s port',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'RFC 8996', section: '4' }, { doc: 'RFC 8996', section: '5' }, { doc: 'RFC 9325', section: '3.1.1' }],
  tags: ['tls', 'versions'],
  async run(ctx) {
    const { accepted, refused } = await legacyVersionsAccepted(ctx.target);
    if (accepted.length > 0) return { outcome: 'violation', reason: `deprecated versions accepted: ${accepted.join('; ')}` };
    return { outcome: 'pass', reason: `refused: ${refused.join('; ')} (SSLv3 is not tested: this client cannot offer it)` };
  },
};

export const versionChecks: readonly CheckDefinition[] = [tls12Supported, legacyRefused];
