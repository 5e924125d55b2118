/**
 * One server-to-server XML stream over a socket we own, for either side (initiating or
 * receiving). The @xmpp/xml streaming parser turns bytes into the stream header and top-level
 * elements; everything a remote side can make us hold is bounded (src/xmpp/limits.ts, enforced by
 * the guarded parser, plus unsent output), and hostile input ends in a stream error, never an exception.
 */
import { EventEmitter } from 'node:events';
import type net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { GuardedParser, streamLimits, type Element, type StreamFault, type StreamLimits, type WireListener } from '../xmpp/index.js';
import { S2S_NS } from './namespaces.js';
import { escapeAttr } from './xml-text.js';

export type HeaderAttrs = Record<string, string | undefined>;

/** Why a stream ended, as the condition we sent or saw (RFC 6120 §4.9.3) or a transport reason. */
export interface StreamEnd {
  condition: string;
  /** Who ended it: we sent a stream error, they did, or the connection just closed. */
  by: 'us' | 'them' | 'transport';
  text?: string;
}

/** Comments, processing instructions, DTDs and entity declarations (RFC 6120 §11.1). */
const RESTRICTED_XML = /<!--|<!DOCTYPE|<!ENTITY|<\?(?!xml[\s?])/i;

export class S2sStream extends EventEmitter {
  readonly limits: StreamLimits;
  #socket: net.Socket;
  #decoder = new StringDecoder('utf8');
  #parser!: GuardedParser;
  #root?: Element;
  /** Until the first '<' after (re)start: text there cannot be XML (the parser would just wait). */
  #beforeFirstTag = true;
  #headerWaiters: Array<(attrs: HeaderAttrs) => void> = [];
  #queue: Element[] | undefined = [];
  #reader?: (element: Element) => void;
  #end?: StreamEnd;
  #wire?: WireListener;
  #onData = (chunk: Buffer) => this.#receive(chunk);
  #onClose = () => this.#ended({ condition: 'connection-closed', by: 'transport' });

  constructor(socket: net.Socket, limits: StreamLimits = streamLimits()) {
    super();
    this.limits = limits;
    this.#socket = socket;
    this.#attach(socket);
    this.#resetParser();
  }

  get socket(): net.Socket {
    return this.#socket;
  }

  /** Reports every chunk sent and received (decoded text) from now on: check wire logs. */
  tapWire(listener: WireListener): void {
    this.#wire = listener;
  }

  /** The other side's last stream header, once it arrived. */
  get header(): HeaderAttrs | undefined {
    return this.#root?.attrs;
  }

  /** Set once the stream is over. */
  get end(): StreamEnd | undefined {
    return this.#end;
  }

  /** Resolves with the other side's next stream header (after open or a restart). */
  nextHeader(timeoutMs = this.limits.headerTimeoutMs): Promise<HeaderAttrs> {
    if (this.#root) return Promise.resolve(this.#root.attrs);
    return this.#await(timeoutMs, 'stream header', (resolve) => this.#headerWaiters.push(resolve));
  }

  /**
   * Calls `onHeader` while the other side's next header is parsed, before any element that came
   * with it: a receiving entity must write its own header before it answers what follows. Peers
   * pipeline (Prosody sends db:verify right behind its post-SASL header); an answer written
   * ahead of our header has an unbound `db:` prefix and kills their stream.
   */
  onNextHeader(onHeader: (attrs: HeaderAttrs) => void, onTimeout: () => void, timeoutMs = this.limits.headerTimeoutMs): void {
    if (this.#end) return;
    if (this.#root) return onHeader(this.#root.attrs);
    const timer = setTimeout(() => {
      this.#headerWaiters = this.#headerWaiters.filter((waiter) => waiter !== wake);
      onTimeout();
    }, timeoutMs);
    const wake = (attrs: HeaderAttrs) => (clearTimeout(timer), onHeader(attrs));
    this.once('ended', () => clearTimeout(timer));
    this.#headerWaiters.push(wake);
  }

  /** During negotiation: the next top-level element the other side sent. */
  next(timeoutMs: number, waitingFor: string): Promise<Element> {
    const queued = this.#queue?.shift();
    if (queued) return Promise.resolve(queued);
    return this.#await(timeoutMs, waitingFor, (resolve) => (this.#reader = resolve));
  }

  /** Negotiation is over: queued and future elements are emitted as 'element'. */
  deliver(): void {
    const queued = this.#queue ?? [];
    this.#queue = undefined;
    for (const element of queued) this.emit('element', element);
  }

  /** Opens (or restarts) our side of the stream. */
  sendHeader(attrs: HeaderAttrs): void {
    const list = Object.entries({ xmlns: S2S_NS.server, 'xmlns:stream': S2S_NS.stream, 'xmlns:db': S2S_NS.dialback, version: '1.0', ...attrs })
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `${name}='${escapeAttr(value)}'`)
      .join(' ');
    this.write(`<?xml version='1.0'?><stream:stream ${list}>`);
  }

  send(element: Element | string): void {
    this.write(element.toString());
  }

  write(text: string): void {
    if (this.#end || this.#socket.destroyed) return;
    if (this.#socket.writableLength > this.limits.maxPendingWriteBytes) {
      this.fail('resource-constraint', 'the other side does not read what we send');
      return;
    }
    this.#wire?.('out', text);
    this.#socket.write(text);
  }

  /** Sends a stream error and closes the stream (RFC 6120 §4.9.1.1). */
  fail(condition: string, text?: string): void {
    if (this.#end) return;
    const textElement = text ? `<text xmlns='${S2S_NS.streams}'>${escapeAttr(text)}</text>` : '';
    if (!this.#socket.destroyed) {
      const error = `<stream:error><${condition} xmlns='${S2S_NS.streams}'/>${textElement}</stream:error></stream:stream>`;
      this.#wire?.('out', error);
      this.#socket.write(error);
    }
    this.#ended({ condition, by: 'us', text });
    this.#closeSocketSoon();
  }

  /** Clean close: our closing tag, then the TCP connection. */
  close(): void {
    if (this.#end) return;
    if (!this.#socket.destroyed) {
      this.#wire?.('out', '</stream:stream>');
      this.#socket.write('</stream:stream>');
    }
    this.#ended({ condition: 'closed', by: 'us' });
    this.#closeSocketSoon();
  }

  /** Swaps in a TLS socket over the same connection; the stream starts over (RFC 6120 §5.4.3.3). */
  replaceSocket(socket: net.Socket): void {
    this.#detach(this.#socket);
    this.#socket = socket;
    this.#attach(socket);
    this.restart();
  }

  /** After STARTTLS or SASL success both sides send new headers: parse from scratch. */
  restart(): void {
    this.#decoder = new StringDecoder('utf8');
    this.#resetParser();
  }

  #attach(socket: net.Socket): void {
    socket.on('data', this.#onData);
    socket.on('close', this.#onClose);
    socket.on('error', this.#onClose);
  }

  #detach(socket: net.Socket): void {
    socket.off('data', this.#onData);
    socket.off('close', this.#onClose);
    // Keep an error listener: a late error on the old socket must not crash the process.
    socket.off('error', this.#onClose);
    socket.on('error', () => undefined);
  }

  #resetParser(): void {
    this.#root = undefined;
    this.#beforeFirstTag = true;
    const parser = new GuardedParser(this.limits);
    parser.on('start', (root) => {
      this.#root = root;
      for (const wake of this.#headerWaiters.splice(0)) wake(root.attrs);
    });
    parser.on('element', (element) => this.#element(element));
    parser.on('end', () => {
      if (this.#end) return;
      this.#ended({ condition: 'closed', by: 'them' });
      this.close();
    });
    parser.on('error', (error) => this.fail((error as Partial<StreamFault>).condition ?? 'not-well-formed', error.message));
    this.#parser = parser;
  }

  #receive(chunk: Buffer): void {
    if (this.#end) return;
    const text = this.#decoder.write(chunk);
    this.#wire?.('in', text);
    if (RESTRICTED_XML.test(text)) {
      this.fail('restricted-xml', 'comments, processing instructions and DTDs are not allowed');
      return;
    }
    if (this.#beforeFirstTag) {
      const first = text.search(/[^\s\uFEFF]/);
      if (first >= 0 && text[first] !== '<') {
        this.fail('not-well-formed', 'this is not an XML stream');
        return;
      }
      if (first >= 0) this.#beforeFirstTag = false;
    }
    this.#parser.write(text);
  }

  #element(element: Element): void {
    if (this.#end) return;
    if (element.is('error', S2S_NS.stream)) {
      const condition = element.getChildElements().find((child) => child.name !== 'text')?.name ?? 'undefined-condition';
      this.#ended({ condition, by: 'them', text: element.getChildText('text', S2S_NS.streams) ?? undefined });
      this.close();
      return;
    }
    if (this.#queue === undefined) this.emit('element', element);
    else if (this.#reader) this.#reader(element);
    else this.#queue.push(element);
  }

  #await<T>(timeoutMs: number, what: string, register: (resolve: (value: T) => void) => void): Promise<T> {
    if (this.#end) return Promise.reject(endError(this.#end, what));
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.off('ended', onEnd);
        this.#reader = undefined;
      };
      const onEnd = (end: StreamEnd) => (settle(), reject(endError(end, what)));
      const timer = setTimeout(() => (settle(), reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      this.once('ended', onEnd);
      register((value) => (settle(), resolve(value)));
    });
  }

  #ended(end: StreamEnd): void {
    if (this.#end) return;
    this.#end = end;
    this.emit('ended', end);
  }

  #closeSocketSoon(): void {
    const socket = this.#socket;
    socket.end();
    // Whatever the other side does, the socket is gone shortly: nothing lingers.
    setTimeout(() => socket.destroy(), 2_000).unref();
  }
}

function endError(end: StreamEnd, what: string): Error {
  const who = end.by === 'us' ? 'we ended the stream' : end.by === 'them' ? 'the other side ended the stream' : 'the connection closed';
  return Object.assign(new Error(`${who} (${end.condition}${end.text ? `: ${end.text}` : ''}) while waiting for ${what}`), { streamEnd: end });
}
