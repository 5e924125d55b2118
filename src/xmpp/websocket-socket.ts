/**
 * RFC 7395 under the c2s stream: a WebSocket (package `ws`) that looks to xmpp.js's stream code
 * like a socket carrying one classic XML stream. Outgoing framing (`<open/>`, `<close/>`, one
 * stanza per message) is @xmpp/websocket's Connection; incoming, the server's framing `<open/>`
 * becomes a stream header and `<close/>` the stream's end, so the one guarded parser and the
 * login code stay as they are for TCP.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { XmppConnectError, XmppServerFault } from './errors.js';
import { classifyHttpError, tlsConnectOptions, type HttpEndpoint } from './http-trust.js';
import { streamLimits } from './limits.js';
import { Element, NS, parseXml } from './xml.js';

/** RFC 7395 §3.6.1: a redirect is followed once, and only to a secure URL when we came over one. */
const MAX_REDIRECTS = 1;

export interface WebSocketOptions extends HttpEndpoint {
  timeoutMs: number;
}

/** Opens the WebSocket with subprotocol `xmpp`; `ws` fails the handshake when the server does not pick it. */
function openWebSocket(options: WebSocketOptions, domain: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(options.url, ['xmpp'], {
      ...tlsConnectOptions(options),
      handshakeTimeout: options.timeoutMs,
      maxPayload: streamLimits().maxElementBytes,
      perMessageDeflate: false,
    });
    const fail = (error: unknown) => {
      ws.terminate();
      reject(classifyHttpError(error, options.url, domain));
    };
    ws.once('open', () => {
      ws.off('error', fail);
      resolve(ws);
    });
    ws.once('error', fail);
    ws.once('unexpected-response', (_request, response) => fail(new XmppConnectError('refused', `${options.url} answered the WebSocket upgrade with HTTP ${response.statusCode}`)));
  });
}

/** The server's framing <open/> as the stream header the classic parser expects. */
function streamHeaderFrom(open: Element): string {
  const attrs: Record<string, string> = { xmlns: NS.client, 'xmlns:stream': NS.stream };
  for (const name of ['from', 'to', 'id', 'version', 'xml:lang']) if (open.attrs[name] !== undefined) attrs[name] = open.attrs[name];
  return new Element('stream:stream', attrs).toString().replace(/\/>$/, '>');
}

export class WebSocketSocket extends EventEmitter {
  readonly secure: boolean;
  #ws: WebSocket;
  #options: WebSocketOptions;
  #domain: string;
  #lastHeader?: string;
  #opened = false;
  #redirects = 0;
  #closed = false;

  /** Connects and returns once the WebSocket is open (the caller times this as `ws_connect`). */
  static async connect(options: WebSocketOptions, domain: string): Promise<WebSocketSocket> {
    return new WebSocketSocket(await openWebSocket(options, domain), options, domain);
  }

  private constructor(ws: WebSocket, options: WebSocketOptions, domain: string) {
    super();
    this.#ws = ws;
    this.#options = options;
    this.#domain = domain;
    this.secure = options.url.startsWith('wss:');
    this.#listen(ws);
  }

  get destroyed(): boolean {
    return this.#closed;
  }

  /** One call = one WebSocket message, as xmpp.js writes one header, stanza or footer per call. */
  write(data: string, done?: (error?: Error) => void): boolean {
    if (data.startsWith('<open')) this.#lastHeader = data;
    this.#ws.send(data, (error) => done?.(error ?? undefined));
    return true;
  }

  end(): void {
    this.#ws.close(1000);
  }

  pause(): void {
    this.#ws.pause();
  }

  destroy(): void {
    this.#ws.terminate();
  }

  #listen(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => this.#onMessage(isBinary ? '' : data.toString()));
    ws.on('error', (error) => this.emit('error', classifyHttpError(error, this.#options.url, this.#domain)));
    ws.on('close', () => {
      if (ws !== this.#ws) return;
      this.#closed = true;
      this.emit('close', false);
    });
  }

  #onMessage(text: string): void {
    const trimmed = text.trimStart();
    if (!trimmed.startsWith('<open') && !trimmed.startsWith('<close')) return void this.emit('data', text);
    let element: Element;
    try {
      element = parseXml(trimmed);
    } catch (error) {
      return void this.emit('error', new XmppServerFault('not-well-formed', `the server sent a framing element that is not well-formed: ${(error as Error).message}`));
    }
    if (!element.is('open', NS.framing) && !element.is('close', NS.framing)) return void this.emit('data', text);
    if (element.name === 'open') {
      this.#opened = true;
      return void this.emit('data', streamHeaderFrom(element));
    }
    const uri = element.attrs['see-other-uri'];
    if (uri !== undefined && !this.#opened) return void this.#redirect(uri);
    this.emit('data', '</stream:stream>');
  }

  /** RFC 7395 §3.6.1: reconnect to the named URI (same trust, secure stays secure) and send our <open/> again. */
  async #redirect(uri: string): Promise<void> {
    const allowed = this.#redirects < MAX_REDIRECTS && (!this.secure || uri.startsWith('wss:')) && /^wss?:\/\//.test(uri);
    if (!allowed || !this.#lastHeader) {
      const why = this.#redirects >= MAX_REDIRECTS ? 'a second redirect' : 'a redirect to a URL that is not a secure WebSocket';
      this.emit('error', new XmppConnectError('other', `the server sent ${why}: '${uri.slice(0, 255)}' (not followed)`));
      return;
    }
    this.#redirects++;
    const old = this.#ws;
    try {
      const ws = await openWebSocket({ ...this.#options, url: uri }, this.#domain);
      this.#ws = ws;
      old.close(1000);
      this.#listen(ws);
      ws.send(this.#lastHeader);
    } catch (error) {
      this.emit('error', error);
    }
  }
}
