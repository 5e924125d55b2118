/**
 * STARTTLS on both ends of an s2s stream. As initiator we verify the target's certificate
 * against the trusted CAs for the target domain (SNI = that domain) and present a client
 * certificate only when asked to (SASL EXTERNAL). As receiver the SNI name picks the peer
 * certificate; a client certificate is requested but optional, and only its verified presence
 * makes EXTERNAL available: the handshake never fails for want of one.
 */
import { constants } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import type { PeerCertificates, PeerCredentials } from './peer-certificates.js';

export async function upgradeAsInitiator(
  socket: net.Socket,
  options: { targetDomain: string; trusted: string[]; clientCertificate?: PeerCredentials; timeoutMs: number },
): Promise<tls.TLSSocket> {
  const secure = tls.connect({
    socket,
    servername: options.targetDomain,
    ca: options.trusted,
    ...(options.clientCertificate ?? {}),
    checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(options.targetDomain, certificate),
  });
  await handshake(secure, 'secureConnect', options.timeoutMs, `TLS with ${options.targetDomain}`);
  return secure;
}

export async function upgradeAsReceiver(
  socket: net.Socket,
  options: { defaultDomain: string; isPeerDomain: (name: string) => boolean; certificates: PeerCertificates; timeoutMs: number },
): Promise<tls.TLSSocket> {
  const { certificates } = options;
  // A tls.Server (never listening) does the server side: only through one does Node verify the
  // client certificate and set `authorized` on the resulting socket.
  const server = tls.createServer({
    // Without SNI: the domain of the stream header (tls.Server takes no ready-made context here).
    ...certificates.credentials(options.defaultDomain),
    ca: certificates.trusted,
    SNICallback: (name, done) => {
      // An unknown SNI name gets the stream's own domain certificate; the header decides.
      done(null, certificates.serverContext(options.isPeerDomain(name) ? name : options.defaultDomain));
    },
    requestCert: true,
    // jabberd2 2.7 hangs up right after the handshake when it gets Node's default (stateless)
    // TLS 1.3 session tickets, so its dialback to us never starts. Peers never resume anyway.
    secureOptions: constants.SSL_OP_NO_TICKET,
    // Not "checks off": a client certificate is optional in s2s, and an unverified one only
    // means EXTERNAL is not offered (see `verifiedClientNames`).
    rejectUnauthorized: false,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no handshake within ${options.timeoutMs} ms`)), options.timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new Error(`TLS with the connecting server: ${error.message}`, { cause: error }));
    };
    server.once('tlsClientError', fail);
    server.once('secureConnection', (secure: tls.TLSSocket) => {
      clearTimeout(timer);
      server.off('tlsClientError', fail);
      secure.setNoDelay(true);
      resolve(secure);
    });
    server.emit('connection', socket);
  });
}

/** DNS names of the other side's client certificate, only when it chains to a trusted CA. */
export function verifiedClientNames(socket: tls.TLSSocket): string[] {
  if (!socket.authorized) return [];
  const certificate = socket.getPeerCertificate();
  const names = (certificate?.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase());
  return names;
}

function handshake(secure: tls.TLSSocket, event: 'secureConnect', timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${what}: no handshake within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      secure.destroy();
      reject(new Error(`${what}: ${error.message}`, { cause: error }));
    };
    secure.once('error', fail);
    secure.once(event, () => {
      clearTimeout(timer);
      secure.off('error', fail);
      secure.setNoDelay(true);
      resolve();
    });
  });
}
