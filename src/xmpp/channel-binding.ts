/**
 * TLS channel bindings for the SCRAM -PLUS mechanisms: tls-exporter (RFC 9266, the one defined
 * for TLS 1.3), tls-unique (RFC 5929, TLS 1.2 and below; all Prosody 0.12 knows) and
 * tls-server-end-point (RFC 5929, a hash of the server certificate).
 */
import { createHash } from 'node:crypto';
import type tls from 'node:tls';
import { signatureAlgorithmOid } from './certificate-der.js';

export type ChannelBindingType = 'tls-exporter' | 'tls-unique' | 'tls-server-end-point';

/** What this connection can bind to, most preferred first. */
export function availableBindings(socket: tls.TLSSocket): ChannelBindingType[] {
  return socket.getProtocol() === 'TLSv1.3'
    ? ['tls-exporter', 'tls-server-end-point']
    : ['tls-unique', 'tls-server-end-point', 'tls-exporter'];
}

/**
 * Picks the binding type: the caller's choice, else our first preference among those the
 * server lists (XEP-0440). A server that lists none is only known to have tls-unique, the type
 * RFC 5802 §6.1 makes mandatory; TLS 1.3 has no tls-unique (RFC 9266), so no binding there.
 * (ejabberd 23.01 offers -PLUS on TLS 1.3 without a list, and refuses tls-exporter.)
 */
export function chooseBinding(
  socket: tls.TLSSocket,
  advertised: readonly string[],
  wanted?: ChannelBindingType,
): ChannelBindingType | undefined {
  const ours = availableBindings(socket);
  if (wanted) return ours.includes(wanted) ? wanted : undefined;
  if (advertised.length === 0) return ours.includes('tls-unique') ? 'tls-unique' : undefined;
  return ours.find((type) => advertised.includes(type));
}

export function channelBindingData(socket: tls.TLSSocket, type: ChannelBindingType): Buffer {
  switch (type) {
    case 'tls-exporter':
      // RFC 9266 wants no context at all, which differs from an empty one; Node's typings
      // demand the argument, Node itself takes undefined as "none".
      return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', undefined as unknown as Buffer);
    case 'tls-unique': {
      // The first Finished message of the handshake: ours, unless the session was resumed.
      const finished = socket.isSessionReused() ? socket.getPeerFinished() : socket.getFinished();
      if (!finished) throw new Error('tls-unique: no Finished message on this connection');
      return finished;
    }
    case 'tls-server-end-point': {
      const certificate = socket.getPeerCertificate();
      if (!certificate?.raw) throw new Error('tls-server-end-point: no server certificate');
      return serverEndPoint(certificate.raw);
    }
  }
}

/** Signature algorithm OIDs (DER content bytes, hex) to the hash RFC 5929 §4.1 prescribes. */
const HASH_BY_SIGNATURE_OID: Record<string, string> = {
  '2a864886f70d01010c': 'sha384', // sha384WithRSAEncryption
  '2a864886f70d01010d': 'sha512', // sha512WithRSAEncryption
  '2a8648ce3d040303': 'sha384', // ecdsa-with-SHA384
  '2a8648ce3d040304': 'sha512', // ecdsa-with-SHA512
};

/** The hash tls-server-end-point uses for this certificate. */
export function signatureHash(der: Buffer): string {
  // MD5, SHA-1, SHA-256 and anything unlisted all map to SHA-256.
  return HASH_BY_SIGNATURE_OID[signatureAlgorithmOid(der)] ?? 'sha256';
}

export function serverEndPoint(der: Buffer): Buffer {
  return createHash(signatureHash(der)).update(der).digest();
}
