/**
 * One c2s XML stream: @xmpp/client-core's Client does the framing, parsing, stream errors and
 * the close handshake, over sockets we open and secure ourselves (attached through the same
 * hooks @xmpp/starttls uses). During negotiation every incoming element is queued so the
 * linear login code can read them one by one without racing the socket.
 */
import type net from 'node:net';
import { Client } from '@xmpp/client-core';
import TcpTransport from '@xmpp/tcp/lib/Connection.js';
import WebSocketTransport from '@xmpp/websocket/lib/Connection.js';
import { XmppConnectError, XmppServerFault, XmppStreamError, XmppTimeoutError } from './errors.js';
import { GuardedParser, StreamFault } from './guarded-parser.js';
import { streamLimits } from './limits.js';
import { classifySocketError } from './connect.js';
import { buildJid } from './jid.js';
import { redactingListener, type WireListener } from './wire-redact.js';
import { NS, type Element } from './xml.js';

export interface StreamOptions {
  domain: string;
  /** Sent as the stream's `from` once the stream is encrypted (RFC 6120 §4.7.1). */
  username?: string;
  lang?: string;
  timeoutMs: number;
  /** Receives every chunk sent and received (SASL payloads and passwords redacted). */
  wire?: WireListener;
  /** How the stream is framed on the wire; default tcp. */
  transport?: StreamTransport;
}

export type StreamTransport = 'tcp' | 'websocket' | 'bosh';

/** An HTTP transport's socket (WebSocket, BOSH): carries one classic XML stream to xmpp.js. */
export interface TransportSocket {
  readonly secure: boolean;
  readonly destroyed: boolean;
  write(data: string, done?: (error?: Error) => void): boolean;
  end(): void;
  pause(): void;
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * The framing of what we write. BOSH reuses RFC 7395's (`<open/>`, `<close/>`, one element per
 * write, stanzas qualified by jabber:client): its socket turns those into XEP-0206 requests.
 */
const TRANSPORTS = { tcp: TcpTransport, websocket: WebSocketTransport, bosh: WebSocketTransport } as const;

type Reader = { resolve: (element: Element) => void; reject: (error: Error) => void };

/** A stream error; for see-other-host (RFC 6120 §4.9.3.19) the host it names, which is not followed. */
function streamErrorFrom(element: Element): XmppStreamError {
  const error = XmppStreamError.fromElement(element);
  if (error.condition !== 'see-other-host') return error;
  const host = element.getChildText('see-other-host', NS.streams)?.trim();
  const where = host ? `'${host.slice(0, 255)}' (not followed: rerun against that host)` : 'no host at all, which RFC 6120 §4.9.3.19 requires';
  return new XmppStreamError('see-other-host', `the server redirected us to ${where}`, element);
}

/** Turns what the Client emits as 'error' into our typed errors. */
function toTypedError(error: unknown): Error {
  const { name, element, message } = (error ?? {}) as { name?: string; element?: Element; message?: string };
  if (error instanceof StreamFault) return new XmppServerFault(error.condition, error.message);
  if (name === 'StreamError' && element) return streamErrorFrom(element);
  if (name === 'XMLError') return new XmppServerFault('not-well-formed', `the server sent XML that is not well-formed: ${message}`);
  if (name === 'TimeoutError') return new XmppConnectError('timeout', 'no stream header from the server in time');
  return classifySocketError(error, 'stream');
}

export class XmppStream {
  readonly entity: Client;
  readonly #options: StreamOptions;
  #socket?: net.Socket | TransportSocket;
  #overTcp = true;
  #queue: Element[] | undefined = [];
  #reader?: Reader;
  /** First fatal error; reads after it fail with it. */
  #failure?: Error;
  readonly #wire?: WireListener;
  /** Writes of this tick are corked and leave as one TLS record (see `write`). */
  #corked = false;
  /** Settles when the socket's full buffer drains (shared by every waiting sender). */
  #drain?: Promise<void>;

  constructor(options: StreamOptions) {
    this.#options = options;
    const entity = new Client({ domain: options.domain, lang: options.lang, timeout: options.timeoutMs });
    entity.Transport = TRANSPORTS[options.transport ?? 'tcp'];
    entity.Parser = GuardedParser;
    if (options.username) entity.jid = buildJid(options.username, options.domain);
    // Client writes socket data to its parser even after the stream ended (parser gone), which
    // throws from the socket's 'data' handler and would crash the process: drop such data.
    const onData = entity._onData;
    const wire = options.wire && redactingListener(options.wire);
    this.#wire = wire;
    entity._onData = (data: Buffer) => {
      wire?.('in', data.toString('utf8'));
      if (entity.parser) onData.call(entity, data);
    };
    if (wire) {
      const write = entity.write;
      entity.write = (text: string) => {
        wire('out', text);
        return write.call(entity, text);
      };
    }
    // xmpp.js would reconnect to the named host by itself, outside our TLS and trust rules: report it instead.
    Object.assign(entity, { _onSeeOtherHost: (error: Error) => entity.emit('error', error) });
    entity.on('element', (element: Element) => this.#onElement(element));
    entity.on('error', (error: unknown) => this.#fail(toTypedError(error)));
    entity.on('close', () => this.#fail(new XmppConnectError('closed', 'the server closed the stream')));
    entity.on('disconnect', () => this.#fail(new XmppConnectError('closed', 'the connection was closed')));
    this.entity = entity;
  }

  /** The TCP or TLS socket; undefined over an HTTP transport. */
  get socket(): net.Socket | undefined {
    return this.#overTcp ? (this.#socket as net.Socket | undefined) : undefined;
  }

  /** The failure that ended the stream, if any. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  attach(socket: net.Socket, secure: boolean): void {
    this.#attachAny(Object.assign(socket, { secure }));
  }

  /** Attaches a WebSocket or BOSH socket: it knows itself whether it is secure. */
  attachTransport(socket: TransportSocket): void {
    this.#overTcp = false;
    this.#attachAny(socket);
  }

  #attachAny(socket: net.Socket | TransportSocket): void {
    this.#socket = socket;
    this.entity._attachSocket(socket);
    this.entity._status('connect');
  }

  /** Unhooks the socket (for the STARTTLS upgrade) without closing it. */
  detach(): net.Socket {
    const socket = this.socket;
    if (!socket) throw new Error('no TCP socket attached');
    this.entity._detachSocket();
    this.#socket = undefined;
    return socket;
  }

  /** Sends the stream header and returns the server's <stream:features/>. */
  async open(restart = false): Promise<Element> {
    const { domain, lang, timeoutMs } = this.#options;
    const opening = restart ? this.entity.restart() : this.entity.open({ domain, lang });
    await opening.catch((error: unknown) => {
      throw this.#failure ?? toTypedError(error);
    });
    const features = await this.next(timeoutMs, 'stream features');
    if (!features.is('features', NS.stream)) {
      throw new XmppStreamError('invalid-xml', `expected <stream:features/>, got <${features.name}/>`, features);
    }
    return features;
  }

  send(element: Element): Promise<void> {
    return this.entity.send(element);
  }

  /**
   * Hands the element to the socket without waiting for it to be flushed (the socket's errors
   * end the stream instead); false when the socket's buffer is full: wait for `drained()`.
   * Writes in the same tick are corked together, so stanzas sent back to back share one TLS
   * record and one system call instead of one each.
   */
  write(element: Element): boolean {
    if (!this.#socket || this.entity.status === 'closing') throw this.#failure ?? new XmppConnectError('closed', 'the stream is closing');
    // WebSocket and BOSH frame each stanza themselves (RFC 7395 §3.3.3): xmpp.js's transport does it;
    // a failed send ends the stream, which the session reports.
    if (!this.#overTcp) {
      this.entity.send(element).catch(() => undefined);
      return true;
    }
    const socket = this.#socket as net.Socket;
    const text = element.toString();
    this.#wire?.('out', text);
    if (!this.#corked) {
      this.#corked = true;
      socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        socket.uncork();
      });
    }
    return socket.write(text);
  }

  /** Resolves once the socket's buffer has room again, or the socket is gone. */
  drained(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed || !socket.writableNeedDrain) return Promise.resolve();
    // One pair of listeners however many senders wait on the same full buffer.
    this.#drain ??= new Promise((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        this.#drain = undefined;
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
    return this.#drain;
  }

  /** The next element the server sent during negotiation. */
  next(timeoutMs: number, waitingFor: string): Promise<Element> {
    if (this.#failure) return Promise.reject(this.#failure);
    const queued = this.#queue?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#reader = undefined;
        reject(new XmppTimeoutError(waitingFor, timeoutMs));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.#reader = undefined;
      };
      this.#reader = {
        resolve: (element) => (settle(), resolve(element)),
        reject: (error) => (settle(), reject(error)),
      };
    });
  }

  /** Negotiation is over: stop queueing and hand back what arrived unread. */
  finishNegotiation(): Element[] {
    const leftovers = this.#queue ?? [];
    this.#queue = undefined;
    return leftovers;
  }

  /**
   * Clean close: </stream:stream>, wait for the server's, end the socket; then destroy it. Done
   * as soon as the socket is closed: when the server's stream error crosses our close (ejabberd
   * after an account removal), @xmpp/connection closes twice and one of them would otherwise wait
   * out the whole timeout for a 'close' that already happened.
   */
  async close(timeoutMs: number): Promise<void> {
    this.entity.timeout = timeoutMs;
    const socket = this.#socket;
    if (socket && !socket.destroyed) {
      const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await Promise.race([this.entity.disconnect().catch(() => undefined), socketClosed]);
    }
    this.destroy();
  }

  destroy(): void {
    this.#socket?.destroy();
  }

  #onElement(element: Element): void {
    if (!this.#queue || element.is('error', NS.stream)) return;
    if (this.#reader) this.#reader.resolve(element);
    else if (this.#queue.length < streamLimits().maxQueuedStanzas) this.#queue.push(element);
    else this.#fail(new XmppServerFault('policy-violation', `the server sent more than ${streamLimits().maxQueuedStanzas} elements nobody asked for during negotiation`));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    // A server that broke the stream gets no more of our reading: stop now, close shortly.
    if (error instanceof XmppServerFault && this.#socket && !this.#socket.destroyed) {
      const socket = this.#socket;
      socket.pause();
      setTimeout(() => socket.destroy(), 1000).unref();
    }
    this.#reader?.reject(this.#failure);
  }
}
