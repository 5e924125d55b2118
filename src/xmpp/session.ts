/**
 * An authenticated, bound c2s session as the steps see it: send, iq, waitFor, 'stanza' events,
 * close. Stanzas nobody waited for are kept in a small inbox, so a `waitFor` issued just after
 * the stanza arrived still finds it.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { XmppConnectError, XmppStanzaError, XmppTimeoutError } from './errors.js';
import { parseJid, type Jid } from './jid.js';
import { describeMatcher, toPredicate, type StanzaMatcher, type StanzaPredicate } from './match.js';
import type { XmppStream } from './stream.js';
import { answerIq } from './iq-answers.js';
import { withCloseSlot } from './close-slots.js';
import { toElement, type Element } from './xml.js';

/** Milliseconds per login phase, measured with performance.now(). */
export interface SessionTimings {
  /** Absent over WebSocket and BOSH, which time their own set-up below. */
  tcp_connect?: number;
  /** WebSocket transport: connect, TLS and the HTTP upgrade. */
  ws_connect?: number;
  /** BOSH transport: the session creation request's round trip. */
  bosh_session_create?: number;
  /** Absent with tls: 'none'. STARTTLS: from <starttls/> to the verified handshake. */
  tls_handshake?: number;
  sasl_auth: number;
  /** Resource binding, plus the legacy session IQ when the server requires it. */
  bind: number;
  login_total: number;
}

/** What was negotiated, for reports and conformance checks. */
export interface SessionInfo {
  mechanism: string;
  offeredMechanisms: string[];
  channelBinding?: string;
  tlsProtocol?: string;
  tlsCipher?: string;
}

export interface SessionClose {
  /** Why it ended, unless we closed it ourselves. */
  error?: Error;
}

interface Waiter {
  predicate: StanzaPredicate;
  resolve: (stanza: Element) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Session extends EventEmitter<{ stanza: [Element]; close: [SessionClose] }> {
  readonly jid: Jid;
  readonly timings: Readonly<SessionTimings>;
  readonly info: Readonly<SessionInfo>;
  readonly #stream: XmppStream;
  readonly #inbox: Element[] = [];
  readonly #inboxLimit: number;
  readonly #waiters = new Set<Waiter>();
  readonly #defaultTimeoutMs: number;
  #shutdown?: Promise<void>;
  #closedByUs = false;
  #closed?: SessionClose;

  constructor(
    stream: XmppStream,
    params: { jid: string; timings: SessionTimings; info: SessionInfo; timeoutMs: number; inboxLimit: number },
    leftovers: Element[],
  ) {
    super();
    this.#stream = stream;
    this.jid = parseJid(params.jid);
    this.timings = Object.freeze({ ...params.timings });
    this.info = Object.freeze({ ...params.info });
    this.#defaultTimeoutMs = params.timeoutMs;
    this.#inboxLimit = params.inboxLimit;

    stream.entity.on('stanza', (stanza: Element) => this.#onStanza(stanza));
    stream.entity.on('close', () => void this.#shutDown(this.#defaultTimeoutMs));
    stream.entity.on('disconnect', () => this.#finish());
    for (const element of leftovers) if (['iq', 'message', 'presence'].includes(element.name)) this.#onStanza(element);
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Resolves once the stanza is in the socket's buffer, at once unless that buffer is full. */
  async send(stanza: Element | string): Promise<void> {
    if (!this.push(stanza)) await this.drained();
  }

  /**
   * Sends without waiting: false when the socket's buffer is full, and the caller should await
   * `drained()` (bounded as it likes) before sending more. The hot path of the message step.
   */
  push(stanza: Element | string): boolean {
    if (this.#closed) throw this.#closedError();
    return this.#stream.write(toElement(stanza));
  }

  drained(): Promise<void> {
    return this.#stream.drained();
  }

  /** Sends an <iq/> (an id is added if missing) and resolves with the result stanza. */
  async iq(stanza: Element | string, timeoutMs = this.#defaultTimeoutMs): Promise<Element> {
    const request = toElement(stanza);
    const id = (request.attrs.id ??= randomUUID());
    const reply = this.#wait(
      (s) => s.name === 'iq' && s.attrs.id === id && (s.attrs.type === 'result' || s.attrs.type === 'error'),
      timeoutMs,
      `the reply to iq ${id}`,
    );
    try {
      await this.send(request);
    } catch (error) {
      reply.catch(() => undefined);
      throw error;
    }
    const result = await reply;
    if (result.attrs.type === 'error') throw XmppStanzaError.fromStanza(result);
    return result;
  }

  /** Resolves with the first unclaimed stanza matching; looks at the inbox first. */
  waitFor(matcher: StanzaMatcher, timeoutMs = this.#defaultTimeoutMs): Promise<Element> {
    const predicate = toPredicate(matcher);
    const index = this.#inbox.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.#inbox.splice(index, 1)[0]!);
    return this.#wait(predicate, timeoutMs, describeMatcher(matcher));
  }

  /** Clean close (our </stream:stream>, the server's, socket end), bounded by `timeoutMs`. */
  close(timeoutMs = this.#defaultTimeoutMs): Promise<void> {
    if (!this.#shutdown) this.#closedByUs = true;
    return this.#shutDown(timeoutMs);
  }

  /** Also answers a server-initiated close with our own </stream:stream>. */
  #shutDown(timeoutMs: number): Promise<void> {
    this.#shutdown ??= withCloseSlot(() => this.#stream.close(timeoutMs)).then(() => this.#finish());
    return this.#shutdown;
  }

  #wait(predicate: StanzaPredicate, timeoutMs: number, label: string): Promise<Element> {
    if (this.#closed) return Promise.reject(this.#closedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new XmppTimeoutError(label, timeoutMs));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  #onStanza(stanza: Element): void {
    const answer = answerIq(stanza);
    if (answer && !this.#closed && this.#stream.entity.status !== 'closing') this.#stream.write(answer);
    this.emit('stanza', stanza);
    for (const waiter of this.#waiters) {
      if (!waiter.predicate(stanza)) continue;
      clearTimeout(waiter.timer);
      this.#waiters.delete(waiter);
      waiter.resolve(stanza);
      return;
    }
    this.#inbox.push(stanza);
    if (this.#inbox.length > this.#inboxLimit) this.#inbox.shift();
  }

  #closedError(): Error {
    return this.#closed?.error ?? new XmppConnectError('closed', 'the session is closed');
  }

  /** Runs once, when the socket is gone. */
  #finish(): void {
    if (this.#closed) return;
    this.#stream.destroy();
    this.#closed = { error: this.#closedByUs ? undefined : this.#stream.failure };
    const error = this.#closedError();
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.#waiters.clear();
    this.#inbox.length = 0;
    this.emit('close', this.#closed);
  }
}
