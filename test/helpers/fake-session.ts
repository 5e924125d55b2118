/**
 * A stand-in for the xmpp room's Session with the same surface the steps use (jid, closed,
 * send, push, drained, iq, waitFor with an inbox, 'stanza' and 'close' events, close). It records what was sent
 * and lets a test deliver stanzas; iq replies come from a handler the test sets.
 */
import { EventEmitter } from 'node:events';
import { MetricsRegistry } from '../../src/metrics/index.js';
import { Barriers } from '../../src/steps/barriers.js';
import { Deliveries } from '../../src/steps/deliveries.js';
import { StepContext, type RunState } from '../../src/steps/context.js';
import { OnlineRegistry } from '../../src/steps/online.js';
import type { ErrorSink, VirtualUser } from '../../src/steps/types.js';
import {
  parseJid,
  toPredicate,
  toElement,
  XmppStanzaError,
  XmppTimeoutError,
  type Element,
  type Session,
  type StanzaMatcher,
} from '../../src/xmpp/index.js';

interface Waiter {
  predicate: (stanza: Element) => boolean;
  resolve: (stanza: Element) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export class FakeSession extends EventEmitter {
  readonly jid;
  closed = false;
  readonly sent: Element[] = [];
  readonly inbox: Element[] = [];
  iqHandler: (iq: Element) => Element = (iq) => toElement(`<iq type='result' id='${iq.attrs.id}'/>`);
  #waiters: Waiter[] = [];
  #nextId = 1;

  constructor(jid: string) {
    super();
    this.jid = parseJid(jid);
  }

  async send(stanza: Element | string): Promise<void> {
    this.sent.push(toElement(stanza));
  }

  /** Never a full buffer here. */
  push(stanza: Element | string): boolean {
    this.sent.push(toElement(stanza));
    return true;
  }

  async drained(): Promise<void> {}

  async iq(stanza: Element | string): Promise<Element> {
    const request = toElement(stanza);
    request.attrs.id ??= `fake-${this.#nextId++}`;
    this.sent.push(request);
    const reply = this.iqHandler(request);
    this.deliver(reply);
    if (reply.attrs.type === 'error') throw XmppStanzaError.fromStanza(reply);
    return reply;
  }

  waitFor(matcher: StanzaMatcher, timeoutMs = 1000): Promise<Element> {
    const predicate = toPredicate(matcher);
    const at = this.inbox.findIndex(predicate);
    if (at >= 0) return Promise.resolve(this.inbox.splice(at, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve, reject };
      waiter.timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((other) => other !== waiter);
        reject(new XmppTimeoutError('a stanza', timeoutMs));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** As if the server sent it: 'stanza' listeners first, then a waiter or the inbox. */
  deliver(stanza: Element | string): void {
    const element = toElement(stanza);
    this.emit('stanza', element);
    const waiter = this.#waiters.find((w) => w.predicate(element));
    if (waiter) {
      this.#waiters = this.#waiters.filter((other) => other !== waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(element);
    } else {
      this.inbox.push(element);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('the session is closed'));
    }
    this.#waiters = [];
    this.emit('close', {});
  }

  asSession(): Session {
    return this as unknown as Session;
  }
}

export class RecordingErrors implements ErrorSink {
  readonly records: Array<{ kind: string; message: string; context?: { user?: string; step?: string; condition?: string } }> = [];
  record(kind: string, message: string, context?: { user?: string; step?: string; condition?: string }): void {
    this.records.push({ kind, message, context });
  }
}

export function virtualUser(n: number, domain = 'a.example'): VirtualUser {
  return { n, username: `user${n}`, password: `pw${n}`, domain, jid: `user${n}@${domain}` };
}

export function runState(overrides: Partial<RunState> = {}): RunState {
  const metrics = overrides.metrics ?? new MetricsRegistry();
  return {
    runId: 'testrun',
    target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', allowCleartextAuth: false },
    metrics,
    errors: new RecordingErrors(),
    online: new OnlineRegistry(),
    deliveries: new Deliveries(metrics),
    barriers: new Barriers(() => 1),
    sessions: new Set(),
    seqByUser: new Map(),
    defaultTimeoutMs: 1000,
    random: Math.random,
    ...overrides,
  };
}

/** A context whose user is already "logged in" on a fake session. */
export function loggedIn(
  run: RunState,
  n: number,
  options: { signal?: AbortSignal; lagMs?: number } = {},
): { ctx: StepContext; session: FakeSession } {
  const user = virtualUser(n);
  const session = new FakeSession(`${user.jid}/r${n}`);
  const ctx = new StepContext(run, user, options.signal ?? new AbortController().signal, options.lagMs, async () => undefined);
  ctx.session = session.asSession();
  return { ctx, session };
}

/** The smallest scenario text the loader accepts, with the given flow (YAML). */
export function scenarioYaml(flow: string): string {
  return `target: { domain: a.example, host: 127.0.0.1 }\naccounts: { pattern: { password: pw } }\nflow:\n${flow}`;
}
