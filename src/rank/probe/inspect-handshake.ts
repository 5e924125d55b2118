/**
 * One TLS handshake that reports what the server did instead of stopping at our verdict: rank
 * must learn that a server accepts TLS 1.0 even when its certificate is expired. The chain is
 * still verified against the given trust and the outcome recorded (`authorized`, `trustError`);
 * nothing is sent over the connection, which is closed right after the handshake.
 */
import tls from 'node:tls';
import { reachHandshake, shortError } from '../../checks/tls/handshake.js';

export interface Endpoint {
  domain: string;
  host: string;
  port: number;
  mode: 'starttls' | 'direct';
  /** Stream namespace for STARTTLS: c2s or s2s. */
  namespace: 'jabber:client' | 'jabber:server';
  /** Our domain on s2s streams (the observer). */
  from?: string;
  ca?: string | string[];
}

export interface HandshakeParams {
  version: tls.SecureVersion;
  ciphers?: string;
  ecdhCurve?: string;
  timeoutMs: number;
}

export type Inspected =
  | {
      ok: true;
      protocol: string;
      cipher: string;
      group?: string;
      authorized: boolean;
      trustError?: string;
      certificate: tls.DetailedPeerCertificate;
    }
  /** `refused`: the server ended the handshake; `connect`/`starttls`: never got that far; `client`: our OpenSSL cannot offer it. */
  | { ok: false; stage: 'connect' | 'starttls' | 'refused' | 'client'; error: string };

/** Offering TLS 1.0/1.1 or weak suites needs OpenSSL's security level 0 on our side. */
export const LEGACY_CIPHERS = 'DEFAULT:@SECLEVEL=0';

/** Errors raised by our own OpenSSL before the server had a say (nothing to offer for these parameters). */
const OUR_SIDE = /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|NO_CIPHER_MATCH|NO_SUITABLE|INVALID_ARG/;

export async function inspectHandshake(endpoint: Endpoint, params: HandshakeParams): Promise<Inspected> {
  const viaStarttls = endpoint.mode === 'starttls' ? { domain: endpoint.domain, namespace: endpoint.namespace, from: endpoint.from } : undefined;
  const reached = await reachHandshake(endpoint.host, endpoint.port, params.timeoutMs, viaStarttls);
  // Rank records where the handshake stopped; who closed the stream is in the error text.
  if (!reached.ok) return { ...reached, stage: reached.stage === 'server-closed' ? 'starttls' : reached.stage };
  const { socket } = reached;
  return new Promise((resolve) => {
    let secure: tls.TLSSocket;
    try {
      secure = tls.connect({
        socket,
        servername: endpoint.domain,
        ca: endpoint.ca,
        minVersion: params.version,
        maxVersion: params.version,
        ciphers: params.ciphers,
        ecdhCurve: params.ecdhCurve,
        // Verification runs and is recorded below; the handshake is observed, never used for data.
        rejectUnauthorized: false,
      });
    } catch (error) {
      socket.destroy();
      return resolve({ ok: false, stage: 'client', error: (error as Error).message });
    }
    const timer = setTimeout(() => secure.destroy(new Error(`no handshake within ${params.timeoutMs} ms`)), params.timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      const key = secure.getEphemeralKeyInfo();
      const group = key && 'name' in key && key.name ? String(key.name) : undefined;
      const trustError = secure.authorizationError ? String((secure.authorizationError as Error & { code?: string }).code ?? secure.authorizationError) : undefined;
      resolve({
        ok: true,
        protocol: secure.getProtocol() ?? params.version,
        cipher: secure.getCipher().name,
        group,
        authorized: secure.authorized,
        trustError,
        certificate: secure.getPeerCertificate(true),
      });
      secure.destroy();
    });
    secure.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      resolve({ ok: false, stage: OUR_SIDE.test(`${error.code} ${error.message}`) ? 'client' : 'refused', error: shortError(error) });
      secure.destroy();
    });
  });
}
