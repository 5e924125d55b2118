/**
 * XEP-0124/0206 under the c2s stream: HTTP requests (undici) that look to xmpp.js's stream code
 * like a socket carrying one classic XML stream. What the stream writes is RFC 7395 framing
 * (see stream.ts): `<open/>` creates the session or restarts it, `<close/>` terminates it,
 * anything else is a stanza queued for the next request. At most `requests` requests are in
 * flight (one held by the server, one carrying data). Responses are handled as they arrive: a
 * server may answer a later request while it still holds an earlier one (measured: ejabberd
 * 23.01 then keeps the earlier one until `wait`), so waiting for rid order would stall replies.
 */
import { EventEmitter } from 'node:events';
import { randomInt } from 'node:crypto';
import { Agent, request } from 'undici';
import { XmppConnectError, XmppServerFault } from './errors.js';
import { GuardedParser, StreamFault } from './guarded-parser.js';
import { classifyHttpError, tlsConnectOptions, type HttpEndpoint } from './http-trust.js';
import { streamLimits } from './limits.js';
import { Element, NS, parseXml } from './xml.js';

/** Seconds the server may hold a request; short, so an idle client still proves it is alive. */
const WAIT_SECONDS = 30;

export interface BoshOptions extends HttpEndpoint {
  timeoutMs: number;
  /** Called with each request's round trip (ms), the session creation first with `create`. */
  onRoundTrip?: (ms: number, kind: 'create' | 'request') => void;
}

/** The least time between two requests of one session (see #pump). */
const SPACING_MS = 20;
const STANZAS = new Set(['iq', 'message', 'presence']);
const agents = new Map<string, Agent>();

/** One connection pool per endpoint and trust, shared by every BOSH client of the process. */
function agentFor(options: BoshOptions): Agent {
  const key = `${options.url}\n${options.host ?? ''}\n${String(options.ca ?? '')}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: tlsConnectOptions(options), keepAliveTimeout: (WAIT_SECONDS + 10) * 1000 });
    agents.set(key, agent);
  }
  return agent;
}

/** The most characters one response may carry (a body may hold several stanzas). */
export function boshBodyLimit(): number {
  return streamLimits().maxElementBytes * 4;
}

/** Reads one response <body/> within the stream limits: its attributes and its children. */
export function parseBody(text: string): Element {
  const parser = new GuardedParser(streamLimits());
  let body: Element | undefined;
  let fault: Error | undefined;
  parser.on('start', (element: Element) => (body = element));
  parser.on('element', (element: Element) => body?.append(element));
  parser.on('error', (error: Error) => (fault ??= error));
  parser.write(text);
  if (fault) throw fault instanceof StreamFault ? new XmppServerFault(fault.condition, fault.message) : fault;
  if (!body || !body.is('body', NS.httpbind)) throw new XmppServerFault('bad-format', `the BOSH response is not a <body/> of ${NS.httpbind}: ${text.slice(0, 80)}`);
  return body;
}

/** A child of a response body as it would read on a classic stream (namespaces made explicit). */
function asStreamText(child: Element, body: Element): string {
  if (child.name.startsWith('stream:')) child.attrs['xmlns:stream'] ??= body.attrs['xmlns:stream'] ?? NS.stream;
  else if (child.attrs.xmlns === undefined || child.attrs.xmlns === NS.httpbind) child.attrs.xmlns = NS.client;
  return child.toString();
}

export class BoshSocket extends EventEmitter {
  readonly secure: boolean;
  #options: BoshOptions;
  #agent: Agent;
  #domain: string;
  #sid?: string;
  #rid = randomInt(1, 2 ** 32);
  #requests = 2;
  #inFlight = 0;
  #queue: string[] = [];
  #headerPending = false;
  /**
   * Negotiation (SASL, restart, bind) is request-response: an idle request held beside it only
   * invites races (measured: ejabberd 23.01 then answered neither within 10 s). Idle requests
   * start once a stanza came back.
   */
  #polling = false;
  #lastSentMs = -Infinity;
  #pumpTimer?: NodeJS.Timeout;
  #terminating = false;
  #closed = false;
  #abort = new AbortController();

  constructor(options: BoshOptions, domain: string) {
    super();
    this.#options = options;
    this.#domain = domain;
    this.#agent = agentFor(options);
    this.secure = options.url.startsWith('https:');
  }

  get destroyed(): boolean {
    return this.#closed;
  }

  get sid(): string | undefined {
    return this.#sid;
  }

  write(data: string, done?: (error?: Error) => void): boolean {
    if (data.startsWith('<open')) this.#open(parseXml(data));
    else if (data.startsWith('<close')) this.#terminate();
    else {
      this.#queue.push(data);
      this.#pump();
    }
    queueMicrotask(() => done?.());
    return true;
  }

  end(): void {
    this.#finish();
  }

  pause(): void {
    this.#terminating = true;
  }

  destroy(): void {
    this.#finish();
  }

  #attrs(extra: Record<string, string>): Record<string, string> {
    return { rid: String(this.#rid++), xmlns: NS.httpbind, ...(this.#sid ? { sid: this.#sid } : {}), ...extra };
  }

  /** Session creation (XEP-0206 §5) or, once there is a session, the restart after SASL (§6). */
  #open(open: Element): void {
    const lang: Record<string, string> = open.attrs['xml:lang'] ? { 'xml:lang': open.attrs['xml:lang'] } : {};
    if (this.#sid) {
      // No response carries a header after a restart (the features may even come on the request
      // the server held): the header is ours to give, before the next data or on the next turn.
      this.#headerPending = true;
      setImmediate(() => this.#emitPendingHeader());
      this.#send(this.#attrs({ to: this.#domain, ...lang, 'xmpp:restart': 'true', 'xmlns:xmpp': NS.xbosh }), '');
      return;
    }
    const attrs = this.#attrs({
      to: this.#domain, ...lang, ver: '1.11', wait: String(WAIT_SECONDS), hold: '1',
      content: 'text/xml; charset=utf-8', 'xmpp:version': '1.0', 'xmlns:xmpp': NS.xbosh,
    });
    this.#send(attrs, '', 'create');
  }

  #terminate(): void {
    if (!this.#sid || this.#terminating) return;
    this.#terminating = true;
    this.#send(this.#attrs({ type: 'terminate' }), this.#queue.splice(0).join(''));
  }

  /**
   * Sends what is queued when a request slot is free, and keeps one request held for the server
   * otherwise. Two requests sent back to back travel on two connections and may reach the server
   * in the wrong order (measured: ejabberd 23.01 then answered neither until the session died), so
   * the idle request waits a turn for data to ride on it, and a request follows the previous one
   * only after SPACING_MS.
   */
  #pump(): void {
    if (!this.#sid || this.#terminating || this.#closed || this.#pumpTimer) return;
    const wait = this.#lastSentMs + SPACING_MS - performance.now();
    const wanted = this.#inFlight < this.#requests && (this.#queue.length > 0 || (this.#inFlight === 0 && this.#polling));
    if (!wanted) return;
    const idleOnly = this.#queue.length === 0;
    if (wait > 0 || idleOnly) {
      this.#pumpTimer = setTimeout(() => {
        this.#pumpTimer = undefined;
        if (idleOnly && this.#queue.length === 0 && this.#inFlight > 0) return;
        if (performance.now() - this.#lastSentMs < SPACING_MS) return this.#pump();
        this.#sendQueued();
      }, Math.max(wait, 0));
      return;
    }
    this.#sendQueued();
  }

  #sendQueued(): void {
    if (this.#terminating || this.#closed || this.#inFlight >= this.#requests) return;
    this.#send(this.#attrs({}), this.#queue.splice(0).join(''));
  }

  #send(attrs: Record<string, string>, payload: string, kind: 'create' | 'request' = 'request'): void {
    const head = new Element('body', attrs).toString();
    const body = payload === '' ? head : `${head.slice(0, -2)}>${payload}</body>`;
    this.#inFlight++;
    const started = performance.now();
    this.#lastSentMs = started;
    this.#post(body)
      .then((element) => {
        this.#options.onRoundTrip?.(performance.now() - started, kind);
        return element;
      })
      .catch((error: unknown) => (error instanceof XmppServerFault ? error : classifyHttpError(error, this.#options.url, this.#domain)))
      .then((outcome) => {
        this.#inFlight--;
        this.#handle(outcome);
      });
  }

  async #post(body: string): Promise<Element> {
    const { url, timeoutMs } = this.#options;
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      dispatcher: this.#agent,
      signal: this.#abort.signal,
      headersTimeout: WAIT_SECONDS * 1000 + timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const limit = boshBodyLimit();
    let text = '';
    for await (const chunk of response.body) {
      text += chunk.toString();
      if (text.length > limit) {
        response.body.destroy();
        throw new XmppServerFault('policy-violation', `a BOSH response exceeded ${limit} characters`);
      }
    }
    if (response.statusCode !== 200) throw new XmppConnectError('closed', `BOSH ${url} answered HTTP ${response.statusCode}${httpCondition(response.statusCode)}`);
    return parseBody(text);
  }

  #handle(outcome: Element | Error): void {
    if (this.#closed) return;
    if (outcome instanceof Error) return this.#fail(outcome);
    this.#onBody(outcome);
    this.#pump();
  }

  #onBody(body: Element): void {
    if (!this.#sid) {
      const sid = body.attrs.sid;
      if (!sid) return this.#fail(new XmppServerFault('bad-format', `the BOSH session creation response has no sid${body.attrs.condition ? ` (condition '${body.attrs.condition}')` : ''}`));
      this.#sid = sid;
      const requests = Number(body.attrs.requests);
      if (Number.isInteger(requests) && requests >= 1) this.#requests = Math.min(requests, 4);
      this.#emitHeader(body.attrs.from);
    }
    if (body.children.length > 0) this.#emitPendingHeader();
    if (body.children.some((child) => child instanceof Element && STANZAS.has(child.name))) this.#polling = true;
    for (const child of body.children) if (child instanceof Element) this.emit('data', asStreamText(child, body));
    if (body.attrs.type === 'terminate') {
      const condition = body.attrs.condition;
      if (condition && !this.#terminating) this.emit('error', new XmppConnectError('closed', `the server terminated the BOSH session (condition '${condition.slice(0, 64)}')`));
      this.emit('data', '</stream:stream>');
      this.#terminating = true;
      if (this.#inFlight === 0) this.#finish();
    }
  }

  #emitPendingHeader(): void {
    if (!this.#headerPending || this.#closed) return;
    this.#headerPending = false;
    this.#emitHeader();
  }

  #emitHeader(from = this.#domain): void {
    const attrs = { xmlns: NS.client, 'xmlns:stream': NS.stream, from, id: this.#sid ?? '', version: '1.0' };
    this.emit('data', new Element('stream:stream', attrs).toString().replace(/\/>$/, '>'));
  }

  #fail(error: Error): void {
    this.emit('error', error);
    this.#finish();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#pumpTimer);
    this.#abort.abort();
    this.emit('close', false);
  }
}

/** XEP-0124 §20.3's legacy HTTP codes, named for the report. */
function httpCondition(status: number): string {
  const names: Record<number, string> = { 400: ' (bad-request)', 403: ' (policy-violation)', 404: ' (item-not-found)' };
  return names[status] ?? '';
}
