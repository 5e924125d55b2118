/**
 * A simulated peer as initiating server: TCP to the target's s2s port, a `jabber:server` stream,
 * STARTTLS (SNI = target domain), then dialback (XEP-0220 §2.1.1: our db:result, the target
 * calls our listener back, we wait for type=valid) or SASL EXTERNAL (XEP-0178 §3) with the
 * peer's certificate. The result is an authenticated one-way link from peer to target domain.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { xml, type Element, type WireListener } from '../xmpp/index.js';
import { dialbackKey } from './dialback-key.js';
import { S2S_NS, type StreamLimits } from './namespaces.js';
import type { PeerCertificates } from './peer-certificates.js';
import { S2sStream } from './s2s-stream.js';
import { upgradeAsInitiator } from './tls-upgrade.js';

export type PeerAuth = 'dialback' | 'external';

export interface OutboundOptions {
  peerDomain: string;
  targetDomain: string;
  host: string;
  port: number;
  auth: PeerAuth;
  /** The dialback secret our listener also knows (it answers the target's db:verify). */
  secret: string;
  certificates: PeerCertificates;
  /** Go on without TLS when the target offers none (never the default). */
  allowCleartext?: boolean;
  timeoutMs?: number;
  limits?: StreamLimits;
  /** Sees the stream's traffic (check wire logs). */
  wire?: WireListener;
}

export interface OutboundTimings {
  /** TCP connect. */
  connectMs: number;
  /** STARTTLS request to the restarted stream's features; 0 without TLS. */
  tlsMs: number;
  /** db:result to type=valid, or <auth/> to <success/>. */
  authMs: number;
}

export class S2sAuthError extends Error {
  override readonly name = 'S2sAuthError';
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

export interface OutboundLink {
  readonly peerDomain: string;
  readonly targetDomain: string;
  readonly stream: S2sStream;
  readonly timings: OutboundTimings;
  /** The target's stream id the link authenticated on. */
  readonly streamId: string;
  readonly method: PeerAuth;
  readonly encrypted: boolean;
  send(stanza: Element | string): void;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 20_000;

export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`TCP connect to ${host}:${port} timed out`))), timeoutMs);
    socket.once('connect', () => (clearTimeout(timer), socket.setNoDelay(true), resolve(socket)));
    socket.once('error', (error) => (clearTimeout(timer), reject(error)));
  });
}

/** Sends our header and returns the target's stream id and features. */
async function openStream(stream: S2sStream, options: OutboundOptions, timeoutMs: number): Promise<{ id: string; features: Element }> {
  stream.sendHeader({ from: options.peerDomain, to: options.targetDomain });
  const header = await stream.nextHeader(timeoutMs);
  const features = await stream.next(timeoutMs, 'stream features');
  if (!features.is('features', S2S_NS.stream)) throw new Error(`expected <stream:features/>, got <${features.name}/>`);
  return { id: header.id ?? '', features };
}

async function startTls(stream: S2sStream, options: OutboundOptions, timeoutMs: number): Promise<void> {
  stream.send(xml('starttls', { xmlns: S2S_NS.tls }));
  const answer = await stream.next(timeoutMs, 'STARTTLS <proceed/>');
  if (!answer.is('proceed', S2S_NS.tls)) throw new Error(`the target answered STARTTLS with <${answer.name}/>`);
  const secure = await upgradeAsInitiator(stream.socket, {
    targetDomain: options.targetDomain,
    trusted: options.certificates.trusted,
    clientCertificate: options.auth === 'external' ? options.certificates.credentials(options.peerDomain) : undefined,
    timeoutMs,
  });
  stream.replaceSocket(secure);
}

async function dialback(stream: S2sStream, options: OutboundOptions, streamId: string, timeoutMs: number): Promise<void> {
  const key = dialbackKey(options.secret, { receiving: options.targetDomain, originating: options.peerDomain, streamId });
  stream.send(xml('db:result', { from: options.peerDomain, to: options.targetDomain }, key));
  const answer = await stream.next(timeoutMs, 'the dialback result');
  if (!answer.is('result', S2S_NS.dialback)) throw new Error(`expected <db:result/>, got <${answer.name}/>`);
  if (answer.attrs.type !== 'valid') {
    const condition = answer.getChild('error')?.getChildElements()[0]?.name ?? answer.attrs.type ?? 'no type';
    throw new S2sAuthError(condition, `${options.targetDomain} answered our dialback key with type=${answer.attrs.type} (${condition})`);
  }
}

async function external(stream: S2sStream, options: OutboundOptions, features: Element, timeoutMs: number): Promise<void> {
  const mechanisms = features.getChild('mechanisms', S2S_NS.sasl)?.getChildren('mechanism').map((m) => m.text()) ?? [];
  if (!mechanisms.includes('EXTERNAL')) {
    throw new S2sAuthError('not-offered', `${options.targetDomain} does not offer SASL EXTERNAL to ${options.peerDomain} (offers: ${mechanisms.join(', ') || 'none'})`);
  }
  // The authorization identity is optional; XEP-0178 §3 asks initiators to include it for older servers.
  stream.send(xml('auth', { xmlns: S2S_NS.sasl, mechanism: 'EXTERNAL' }, Buffer.from(options.peerDomain).toString('base64')));
  const answer = await stream.next(timeoutMs, 'the SASL EXTERNAL outcome');
  if (!answer.is('success', S2S_NS.sasl)) {
    const condition = answer.getChildElements()[0]?.name ?? answer.name;
    throw new S2sAuthError(condition, `${options.targetDomain} refused SASL EXTERNAL for ${options.peerDomain} (${condition})`);
  }
  stream.restart();
  await openStream(stream, options, timeoutMs);
}

export interface OpenedStream {
  stream: S2sStream;
  /** The target's stream id on the current (post-TLS) stream: what dialback keys are bound to. */
  id: string;
  features: Element;
  connectMs: number;
  tlsMs: number;
}

/**
 * TCP, our header, STARTTLS when offered (the certificate is presented only for EXTERNAL), the
 * restarted stream's features: everything before authentication. `tls: false` stops after the
 * first features (conformance checks probing the cleartext stream).
 */
export async function openPeerStream(options: OutboundOptions & { tls?: boolean }): Promise<OpenedStream> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const socket = await tcpConnect(options.host, options.port, timeoutMs);
  const connectMs = performance.now() - started;
  const stream = new S2sStream(socket, options.limits);
  if (options.wire) stream.tapWire(options.wire);
  try {
    let opened = await openStream(stream, options, timeoutMs);
    let tlsMs = 0;
    if (options.tls !== false && opened.features.getChild('starttls', S2S_NS.tls)) {
      const tlsStarted = performance.now();
      await startTls(stream, options, timeoutMs);
      opened = await openStream(stream, options, timeoutMs);
      tlsMs = performance.now() - tlsStarted;
    } else if (options.tls !== false && !options.allowCleartext) {
      throw new Error(`${options.targetDomain} offers no STARTTLS on its s2s port`);
    }
    return { stream, ...opened, connectMs, tlsMs };
  } catch (error) {
    stream.close();
    throw error;
  }
}

/** Connects and authenticates; rejects with the reason (and closes) on any failure. */
export async function connectOutbound(options: OutboundOptions): Promise<OutboundLink> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { stream, connectMs, tlsMs, ...opened } = await openPeerStream(options);
  try {
    const authStarted = performance.now();
    if (options.auth === 'external') await external(stream, options, opened.features, timeoutMs);
    else await dialback(stream, options, opened.id, timeoutMs);
    const authMs = performance.now() - authStarted;
    stream.deliver();
    return {
      peerDomain: options.peerDomain,
      targetDomain: options.targetDomain,
      stream,
      timings: { connectMs, tlsMs, authMs },
      method: options.auth,
      streamId: opened.id,
      encrypted: tlsMs > 0,
      send: (stanza) => stream.send(stanza),
      close: () => stream.close(),
    };
  } catch (error) {
    stream.close();
    throw error;
  }
}
