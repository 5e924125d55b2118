/**
 * Raw stream probe for conformance checks: sends exactly the bytes a check asks for (including
 * malformed XML) and parses what the server sends into top-level elements. Every byte in and out
 * is reported to the wire log (SASL payloads redacted).
 */
import type tls from 'node:tls';
import { connectTcp } from './connect.js';
import { TcpRawProbe } from './raw-probe-stream.js';
import { secureSocket } from './tls.js';
import type { WireListener } from './wire-redact.js';
import type { Element } from './xml.js';

/** The attributes of the server's stream header. */
export interface StreamHeader {
  id?: string;
  from?: string;
  to?: string;
  version?: string;
  lang?: string;
  /** Default namespace and the stream prefix's namespace as declared. */
  ns?: string;
  streamNs?: string;
  /** Every attribute, verbatim. */
  attrs: Record<string, string>;
}

export interface StreamErrorInfo {
  /** Defined condition, e.g. 'host-unknown' (the child in urn:ietf:params:xml:ns:xmpp-streams). */
  condition: string;
  text?: string;
  element: Element;
}

export interface ProbeHeaderOptions {
  /** Stream `to`; null omits the attribute. Default the target domain. */
  to?: string | null;
  from?: string;
  /** Default namespace; default 'jabber:client'. */
  ns?: string;
  /** Stream prefix namespace; default 'http://etherx.jabber.org/streams'. */
  streamNs?: string;
  /** null omits the attribute. Default '1.0'. */
  version?: string | null;
  lang?: string;
  /** Whether to send the XML declaration first. Default true. */
  declaration?: boolean;
}

/** What arrived in answer to our header: the server's header plus features or a stream error. */
export interface ProbeOpened {
  header?: StreamHeader;
  features?: Element;
  error?: StreamErrorInfo;
}

export interface RawProbe {
  /** Label used in the wire log. */
  readonly label: string;
  /** Sends our stream header (or a restart) and waits for the server's header and features / error. */
  open(options?: ProbeHeaderOptions): Promise<ProbeOpened>;
  /** Sends text verbatim. */
  send(text: string): void;
  /** The next top-level element from the server (features, stanza, stream:error, SASL ...). */
  next(timeoutMs?: number): Promise<Element>;
  /** The first top-level element matching `predicate`; others before it are kept for `next`. */
  waitFor(predicate: (element: Element) => boolean, timeoutMs?: number): Promise<Element>;
  /** Resolves with the stream error if one arrives within the timeout, undefined otherwise. */
  streamError(timeoutMs?: number): Promise<StreamErrorInfo | undefined>;
  /** Resolves true once the server has sent </stream:stream> and the TCP connection is closed. */
  closedByServer(timeoutMs?: number): Promise<boolean>;
  /** STARTTLS (trusting the target CA, SNI = domain), then the stream restart's features. */
  startTls(options?: { minVersion?: tls.SecureVersion; maxVersion?: tls.SecureVersion }): Promise<ProbeOpened>;
  /** SASL PLAIN over TLS (refuses on cleartext); true on <success/>. Then call open() to restart. */
  authPlain(username: string, password: string, authzid?: string): Promise<boolean>;
  /** SCRAM-SHA-1 via the product's ScramClient; true on success with a verified server signature. */
  authScram(username: string, password: string): Promise<boolean>;
  /** Restart + bind (resource optional) and returns the full JID. */
  bind(resource?: string): Promise<string>;
  /** The TLS socket once TLS is up (protocol, cipher, certificate). */
  readonly tlsSocket?: tls.TLSSocket;
  /** The last header the server sent. */
  readonly serverHeader?: StreamHeader;
  /** Whether the server sent </stream:stream> on the current stream, and whether TCP is gone. */
  readonly state: { readonly streamEnded: boolean; readonly socketClosed: boolean };
  /** Sends </stream:stream> (if the connection is still up) and destroys the socket. */
  close(): void;
}

export interface RawProbeOptions {
  /** The XMPP domain: default stream `to`, SNI and certificate identity. */
  domain: string;
  host: string;
  port: number;
  /** TLS from the first byte (XEP-0368) instead of a plain TCP stream. */
  directTls?: boolean;
  /** PEM of the CA to trust; undefined = system roots. */
  ca?: string;
  label?: string;
  /** Default wait for header, elements and handshakes. Default 5 s. */
  timeoutMs?: number;
  /** Every chunk sent and received, SASL payloads and passwords redacted. */
  wire?: WireListener;
}

/** Opens the TCP connection (and TLS for direct TLS); the stream itself starts with `open()`. */
export async function openRawProbe(options: RawProbeOptions): Promise<RawProbe> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const socket = await connectTcp({ host: options.host, port: options.port, timeoutMs });
  const tlsSocket = options.directTls
    ? await secureSocket(socket, { domain: options.domain, ca: options.ca, timeoutMs, alpn: ['xmpp-client'] })
    : undefined;
  return new TcpRawProbe(socket, options, tlsSocket);
}
