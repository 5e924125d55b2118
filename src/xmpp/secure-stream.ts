/** The part of a c2s connection before authentication: TCP, then direct TLS or STARTTLS. */
import { performance } from 'node:perf_hooks';
import type tls from 'node:tls';
import { connectTcp } from './connect.js';
import type { SessionTimings } from './session.js';
import { negotiateStarttls } from './starttls.js';
import { XmppStream, type StreamTransport } from './stream.js';
import { secureSocket, type TlsSettings } from './tls.js';
import type { WireListener } from './wire-redact.js';
import type { Element } from './xml.js';

export type TlsMode = 'starttls' | 'direct' | 'none';

export interface StreamTarget extends TlsSettings {
  /** The XMPP domain: stream `to`, SNI and the certificate identity. */
  domain: string;
  /** Where to connect; default the domain (no SRV lookup). */
  host?: string;
  /** Default 5222, or 5223 for direct TLS. */
  port?: number;
  tls: TlsMode;
  /** Sent as the stream's `from` once encrypted. */
  username?: string;
  lang?: string;
  /** Limit for each phase. Default 10 s. */
  timeoutMs?: number;
  /** Receives every chunk sent and received (SASL payloads and passwords redacted). */
  wire?: WireListener;
  /** Default tcp; websocket and bosh need `url` (host, when given, is where to connect). */
  transport?: StreamTransport;
  url?: string;
  /** BOSH: each request's round trip. */
  onBoshRoundTrip?: (ms: number, kind: 'create' | 'request') => void;
}

export interface OpenedStream {
  stream: XmppStream;
  /** The TCP socket, or the HTTP transport's own (WebSocket, BOSH). */
  socket: { destroy(): void };
  tlsSocket?: tls.TLSSocket;
  /** The features of the (encrypted, when TLS is used) stream, ready for SASL or registration. */
  features: Element;
}

/** Runs `phase` and stores its duration under `name`. */
export async function timed<T>(timings: Partial<SessionTimings>, name: keyof SessionTimings, phase: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await phase();
  timings[name] = performance.now() - start;
  return result;
}

export async function openSecureStream(target: StreamTarget, timings: Partial<SessionTimings> = {}): Promise<OpenedStream> {
  // Loaded on first use: `ws` and undici are ~15 MiB of RSS that a TCP-only run never needs.
  if (target.transport && target.transport !== 'tcp') return (await import('./http-stream.js')).openHttpStream(target, timings);
  const { domain, timeoutMs = 10_000 } = target;
  const host = target.host ?? domain;
  const port = target.port ?? (target.tls === 'direct' ? 5223 : 5222);
  const tlsOptions = { domain, timeoutMs, ca: target.ca, minVersion: target.minVersion, maxVersion: target.maxVersion };

  const socket = await timed(timings, 'tcp_connect', () => connectTcp({ host, port, timeoutMs }));
  const stream = new XmppStream({ domain, username: target.username, lang: target.lang, timeoutMs, wire: target.wire });
  try {
    let tlsSocket: tls.TLSSocket | undefined;
    if (target.tls === 'direct') {
      tlsSocket = await timed(timings, 'tls_handshake', () => secureSocket(socket, { ...tlsOptions, alpn: ['xmpp-client'] }));
      stream.attach(tlsSocket, true);
    } else {
      stream.attach(socket, false);
    }
    let features = await stream.open();
    if (target.tls === 'starttls') {
      tlsSocket = await timed(timings, 'tls_handshake', () => negotiateStarttls(stream, features, tlsOptions));
      stream.attach(tlsSocket, true);
      features = await stream.open(true);
    }
    return { stream, socket, tlsSocket, features };
  } catch (error) {
    stream.destroy();
    socket.destroy();
    throw error;
  }
}
