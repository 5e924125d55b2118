/**
 * A raw RFC 7395 probe: one WebSocket whose handshake answer and every message (text or binary,
 * exactly as framed) the caller sees, for conformance checks. Unlike websocket-socket.ts it
 * translates nothing and lets a handshake without the `xmpp` subprotocol be observed, not just
 * refused. Trust is the transports' (a CA file or the system roots, `host` pinning); every buffer
 * the server can fill is bounded (message size, queued messages).
 */
import WebSocket from 'ws';
import { classifyHttpError, tlsConnectOptions, type HttpEndpoint } from './http-trust.js';
import { streamLimits } from './limits.js';
import { redactingListener, type WireListener } from './wire-redact.js';

/** More unread messages than this and the probe stops reading (a server flooding a probe). */
export const MAX_QUEUED_MESSAGES = 256;

export interface WebSocketProbeOptions extends HttpEndpoint {
  /** Subprotocols offered in Sec-WebSocket-Protocol (none: the header is left out). */
  protocols: readonly string[];
  timeoutMs: number;
  /** Receives what is sent and received, SASL payloads redacted. */
  wire?: WireListener;
}

/** What the HTTP upgrade came back with. */
export interface HandshakeAnswer {
  /** 101 when upgraded; the HTTP status of a refusal; undefined when no answer came. */
  status?: number;
  /** The Sec-WebSocket-Protocol of the answer, as sent (undefined when absent). */
  subprotocol?: string;
  /** Why the WebSocket did not open (the client library's words), when it did not. */
  failure?: string;
}

export interface ProbeMessage {
  text: string;
  binary: boolean;
}

/** How the WebSocket ended: the close code the server sent (1005 = none), or a drop (1006). */
export interface ProbeClose {
  code: number;
}

export class WebSocketProbe {
  readonly #ws: WebSocket;
  readonly #wire: WireListener;
  readonly #queue: ProbeMessage[] = [];
  readonly #wakers: Array<() => void> = [];
  #close?: ProbeClose;
  #overflow = false;

  /** Opens the WebSocket; the probe is there only when the upgrade succeeded (status 101, no failure). */
  static connect(options: WebSocketProbeOptions, domain: string): Promise<{ handshake: HandshakeAnswer; probe?: WebSocketProbe }> {
    const wire = options.wire ? redactingListener(options.wire) : () => undefined;
    return new Promise((resolve, reject) => {
      const handshake: HandshakeAnswer = {};
      const ws = new WebSocket(options.url, [...options.protocols], {
        ...tlsConnectOptions(options),
        handshakeTimeout: options.timeoutMs,
        maxPayload: streamLimits().maxElementBytes,
        perMessageDeflate: false,
        followRedirects: false,
      });
      let settled = false;
      const settle = (result: { handshake: HandshakeAnswer; probe?: WebSocketProbe }) => {
        if (!settled) (settled = true), resolve(result);
      };
      ws.once('upgrade', (response) => {
        handshake.status = response.statusCode;
        const header = response.headers['sec-websocket-protocol'];
        handshake.subprotocol = Array.isArray(header) ? header.join(', ') : header;
      });
      ws.once('unexpected-response', (request, response) => {
        handshake.status = response.statusCode;
        response.resume();
        request.destroy();
        settle({ handshake: { ...handshake, failure: `HTTP ${response.statusCode} instead of the upgrade` } });
      });
      ws.once('open', () => settle({ handshake, probe: new WebSocketProbe(ws, wire) }));
      ws.once('error', (error) => {
        // An answer that came but did not open the WebSocket is the server's doing: report it.
        if (handshake.status !== undefined) return settle({ handshake: { ...handshake, failure: error.message } });
        if (!settled) (settled = true), reject(classifyHttpError(error, options.url, domain));
      });
    });
  }

  private constructor(ws: WebSocket, wire: WireListener) {
    this.#ws = ws;
    this.#wire = wire;
    ws.on('message', (data, binary) => this.#onMessage(Buffer.isBuffer(data) ? data : Buffer.concat([data].flat() as Buffer[]), binary));
    ws.on('close', (code) => {
      this.#close = { code };
      this.#wake();
    });
    ws.on('error', () => undefined);
  }

  /** Sends one text message. */
  send(text: string): void {
    this.#wire('out', text);
    this.#ws.send(text);
  }

  /** The next message, or undefined when none came within `timeoutMs` or the WebSocket closed first. */
  async next(timeoutMs: number): Promise<ProbeMessage | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.#queue.length === 0 && !this.#close && Date.now() < deadline) await this.#sleep(deadline - Date.now());
    return this.#queue.shift();
  }

  /** Resolves with how the WebSocket ended, or undefined when it is still open after `timeoutMs`. */
  async closed(timeoutMs: number): Promise<ProbeClose | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#close && Date.now() < deadline) await this.#sleep(deadline - Date.now());
    return this.#close;
  }

  /** True when the server sent more than MAX_QUEUED_MESSAGES unread messages (reading stopped). */
  get overflowed(): boolean {
    return this.#overflow;
  }

  /** Ends the WebSocket at once (no closing handshake). */
  destroy(): void {
    this.#ws.terminate();
  }

  #onMessage(data: Buffer, binary: boolean): void {
    if (this.#overflow) return;
    const text = binary ? '' : data.toString('utf8');
    this.#wire('in', binary ? `[binary message, ${data.length} bytes]` : text);
    if (this.#queue.length >= MAX_QUEUED_MESSAGES) {
      this.#overflow = true;
      this.#ws.terminate();
      return;
    }
    this.#queue.push({ text, binary });
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#wakers.splice(0)) wake();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      this.#wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
