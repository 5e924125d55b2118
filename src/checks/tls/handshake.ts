/**
 * One TLS handshake with exactly the parameters a TLS check varies (version, suites, SNI,
 * ALPN), on the direct-TLS port or after a minimal STARTTLS exchange on the c2s port. The raw
 * probe cannot offer TLS 1.0/1.1 or weak suites (they need `@SECLEVEL=0` on our side), hence
 * this small path of its own. Certificates are always verified against the target's CA.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { CheckTarget } from '../types.js';
import { XmppServerFault, formatSize, streamLimits } from '../../xmpp/index.js';

export interface HandshakeOptions {
  /** Direct TLS on `target.directTlsPort`; otherwise STARTTLS on `target.port`. */
  directTls?: boolean;
  version?: tls.SecureVersion;
  /** OpenSSL cipher string for TLS ≤ 1.2. */
  ciphers?: string;
  /** SNI and identity to check; default the target domain. */
  servername?: string;
  alpn?: string[];
  timeoutMs?: number;
}

export type Handshake =
  | { ok: true; protocol: string; cipher: tls.CipherNameAndProtocol; alpn: string | false; certificate: tls.DetailedPeerCertificate }
  /** `refused`: the server ended the handshake; `unverified`: it completed, our certificate check failed. */
  | { ok: false; stage: 'connect' | 'starttls' | 'server-closed' | 'refused' | 'unverified' | 'client'; error: string };

const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';

/** Certificate verification failures happen after the server accepted the handshake. */
const VERIFY_CODES = /CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ALTNAME|ISSUER|SIGNATURE_FAILURE/;

function plainConnect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TCP connection within ${timeoutMs} ms`)));
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Header, features, <starttls/>, <proceed/>: just enough XMPP to reach the handshake. `namespace`
 * is jabber:server for the s2s port (rank's s2s TLS probe); `from` names the sender there.
 */
function starttls(socket: net.Socket, domain: string, timeoutMs: number, namespace = 'jabber:client', from?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let asked = false;
    const timer = setTimeout(() => finish(new Error(`no <proceed/> within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const { maxElementBytes } = streamLimits();
      if (buffer.length > maxElementBytes) {
        socket.destroy();
        return finish(new XmppServerFault('policy-violation', `the server sent more than ${formatSize(maxElementBytes)} without its features or STARTTLS answer; limit ${formatSize(maxElementBytes)}`));
      }
      if (!asked && /<\/(stream:)?features>|<(stream:)?features\/>/.test(buffer)) {
        if (!buffer.includes(TLS_NS)) return finish(new Error('the server offers no STARTTLS'));
        asked = true;
        buffer = '';
        socket.write(`<starttls xmlns='${TLS_NS}'/>`);
      } else if (asked && /<proceed\b/.test(buffer)) finish();
      else if (asked && /<failure\b/.test(buffer)) finish(new Error('the server answered <starttls/> with <failure/>'));
    };
    socket.on('data', onData);
    socket.once('close', () => {
      const condition = /<(?:stream:)?error[^>]*>\s*<([a-z-]+)/.exec(buffer)?.[1];
      // A stream error or its </stream:stream> is the server ending the XMPP stream; a bare close may be the network.
      const serverClosed = condition !== undefined || /<\/stream:stream>/.test(buffer);
      const error = new Error(`the server closed the ${serverClosed ? 'stream' : 'connection'} before <proceed/>${condition ? `, with stream error <${condition}/>` : ''}`);
      finish(Object.assign(error, { serverClosed }));
    });
    const dialback = namespace === 'jabber:server' ? " xmlns:db='jabber:server:dialback'" : '';
    const sender = from ? ` from='${from}'` : '';
    socket.write(`<?xml version='1.0'?><stream:stream to='${domain}'${sender} version='1.0' xmlns='${namespace}'${dialback} xmlns:stream='http://etherx.jabber.org/streams'>`);
  });
}

export type Reached = { ok: true; socket: net.Socket } | { ok: false; stage: 'connect' | 'starttls' | 'server-closed'; error: string };

/** TCP, then the STARTTLS exchange when `viaStarttls` names the stream: the socket a handshake starts on, or where it stopped. */
export async function reachHandshake(
  host: string,
  port: number,
  timeoutMs: number,
  viaStarttls?: { domain: string; namespace?: string; from?: string },
): Promise<Reached> {
  let socket: net.Socket;
  try {
    socket = await plainConnect(host, port, timeoutMs);
  } catch (error) {
    return { ok: false, stage: 'connect', error: (error as Error).message };
  }
  try {
    if (viaStarttls) await starttls(socket, viaStarttls.domain, timeoutMs, viaStarttls.namespace, viaStarttls.from);
  } catch (error) {
    socket.destroy();
    return { ok: false, stage: (error as { serverClosed?: boolean }).serverClosed ? 'server-closed' : 'starttls', error: (error as Error).message };
  }
  return { ok: true, socket };
}

/** OpenSSL messages carry file paths and line numbers: keep the code and the alert. */
export function shortError(error: Error & { code?: string }): string {
  const alert = /alert [a-z ]+/.exec(error.message)?.[0];
  return [error.code, alert ?? error.message.split('\n')[0]].filter(Boolean).join(': ');
}

export async function handshake(target: CheckTarget, options: HandshakeOptions = {}): Promise<Handshake> {
  const timeoutMs = options.timeoutMs ?? 8000;
  const port = options.directTls ? target.directTlsPort : target.port;
  if (port === undefined) return { ok: false, stage: 'client', error: 'no direct-TLS port known' };
  const servername = options.servername ?? target.domain;
  const reached = await reachHandshake(target.host, port, timeoutMs, options.directTls ? undefined : { domain: servername });
  if (!reached.ok) return reached;
  const { socket } = reached;
  return new Promise((resolve) => {
    let secure: tls.TLSSocket;
    try {
      secure = tls.connect({
        socket,
        servername,
        ca: target.caPem,
        minVersion: options.version,
        maxVersion: options.version,
        ciphers: options.ciphers,
        ALPNProtocols: options.alpn,
      });
    } catch (error) {
      socket.destroy();
      return resolve({ ok: false, stage: 'client', error: (error as Error).message });
    }
    const timer = setTimeout(() => secure.destroy(new Error(`no handshake within ${timeoutMs} ms`)), timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      resolve({
        ok: true,
        protocol: secure.getProtocol() ?? 'unknown',
        cipher: secure.getCipher(),
        alpn: secure.alpnProtocol ?? false,
        certificate: secure.getPeerCertificate(true),
      });
      secure.end();
    });
    secure.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      const unverified = VERIFY_CODES.test(error.code ?? '');
      resolve({ ok: false, stage: unverified ? 'unverified' : 'refused', error: shortError(error) });
      secure.destroy();
    });
  });
}

/** Both c2s ports where known: STARTTLS always, direct TLS when the target names its port. */
export function ports(target: CheckTarget): Array<{ name: string; directTls: boolean }> {
  const list = [{ name: `STARTTLS port ${target.port}`, directTls: false }];
  if (target.directTlsPort !== undefined) list.push({ name: `direct-TLS port ${target.directTlsPort}`, directTls: true });
  return list;
}
