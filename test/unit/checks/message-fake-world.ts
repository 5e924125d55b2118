/**
 * A fake XMPP server in memory for unit tests of the message, offline and register checks: it
 * routes stanzas between FakeSessions synchronously by the RFC 6121 rules, stores offline
 * messages, and answers the few IQs the checks send. Each `Quirk` breaks one rule, so a test can
 * show that the check responsible for that rule notices.
 */
import { FakeSession } from '../../helpers/fake-session.js';
import { NS, XmppAuthError, bareJid, parseJid, toElement, xml, type Element, type Session } from '../../../src/xmpp/index.js';
import type { Test } from 'tap';
import type { CheckAccount, CheckContext, CheckDefinition, CheckOutcome, CheckProfile } from '../../../src/checks/types.js';
import type { RawProbe } from '../../../src/xmpp/raw-probe.js';
import { noBoshEndpoint, noRawStreams } from './fake-context-stubs.js';

export type Quirk =
  | 'to-negative' // bare-JID messages also reach negative-priority resources
  | 'headline-to-one' // headlines reach only the highest-priority resource
  | 'groupchat-delivered' // groupchat to a bare JID is delivered
  | 'error-answered' // type=error messages are bounced back
  | 'rewrite-to' // bare-JID messages get the full JID in 'to'
  | 'unknown-resource-dropped' // chat to an offline resource is dropped
  | 'no-to-dropped' // messages without 'to' vanish
  | 'full-to-bare' // full-JID messages are routed as if to the bare JID
  | 'remote-timeout' // unresolvable domains answer remote-server-timeout
  | 'reorder' // live messages are delivered in swapped pairs
  | 'store-everything' // headline/groupchat/error/chat-state messages are stored too
  | 'flush-at-bind' // stored messages arrive right after login
  | 'flush-to-negative' // stored messages go to a negative-priority first presence
  | 'flush-twice' // stored messages stay in storage after delivery
  | 'no-delay' // stored messages carry no delay
  | 'local-time-stamp' // the delay stamp carries a +02:00 offset
  | 'no-msgoffline' // disco#info lacks msgoffline
  | 'no-offline' // no storage: service-unavailable
  | 'lose-offline' // messages for offline users vanish without an error
  | 'keep-forged-delay' // a client's delay claiming the server is stored as is
  | 'missing-user-item-not-found'; // a message to a nonexistent user bounces with item-not-found

const DOMAIN = 'fake.example';
const STANZAS = NS.stanzas;

export class WorldSession extends FakeSession {
  priority?: number;
  available = false;
  constructor(readonly world: FakeWorld, jid: string) {
    super(jid);
  }
  override async send(stanza: Element | string): Promise<void> {
    await super.send(stanza);
    this.world.route(this, toElement(stanza));
  }
}

export class FakeWorld {
  readonly quirks: Set<Quirk>;
  readonly passwords = new Map<string, string>();
  readonly sessions = new Set<WorldSession>();
  readonly offline = new Map<string, Element[]>();
  #held?: () => void;
  #count = 0;

  constructor(...quirks: Quirk[]) {
    this.quirks = new Set(quirks);
  }

  context(profile: CheckProfile = 'rfc6120'): CheckContext & { notes: string[] } {
    const notes: string[] = [];
    return {
      target: { domain: DOMAIN, host: '127.0.0.1', port: 5222 },
      profile,
      signal: new AbortController().signal,
      notes,
      account: async () => this.createAccount(),
      login: async (account, options = {}) => this.login(account, options.resource ?? `r${++this.#count}`),
      raw: async () => this.rawProbe(),
      bosh: noBoshEndpoint,
      note: (text) => void notes.push(text),
      barrier: async () => this.flushLive(),
    };
  }

  protected rawProbe(): RawProbe {
    return noRawStreams();
  }

  createAccount(): CheckAccount {
    const username = `user${++this.#count}`;
    this.passwords.set(`${username}@${DOMAIN}`, 'secret');
    return { username, password: 'secret', domain: DOMAIN, jid: `${username}@${DOMAIN}` };
  }

  /** Sets up a session as if it had bound `resource`. */
  login(account: CheckAccount, resource: string): Session {
    if (this.passwords.get(account.jid) !== account.password) throw new XmppAuthError('not-authorized', undefined, { origin: 'server' });
    const session = new WorldSession(this, `${account.jid}/${resource}`);
    session.iqHandler = (iq) => this.answerIq(session, iq);
    this.sessions.add(session);
    session.on('close', () => this.sessions.delete(session));
    if (this.quirks.has('flush-at-bind')) this.flush(session);
    return session.asSession();
  }

  /** A delivery held back by the 'reorder' quirk is released at the next barrier. */
  flushLive(): void {
    const held = this.#held;
    this.#held = undefined;
    held?.();
  }

  route(from: WorldSession, stanza: Element): void {
    if (stanza.name === 'presence') return this.presence(from, stanza);
    if (stanza.name !== 'message') return;
    stanza.attrs.from = from.jid.toString();
    if (stanza.attrs.to === undefined) {
      if (this.quirks.has('no-to-dropped')) return;
      stanza.attrs.to = bareJid(from.jid);
    }
    const to = parseJid(stanza.attrs.to);
    if (to.domain !== DOMAIN) return this.bounce(from, stanza, this.quirks.has('remote-timeout') ? 'remote-server-timeout' : 'remote-server-not-found');
    if (!this.passwords.has(bareJid(to))) return this.bounce(from, stanza, this.quirks.has('missing-user-item-not-found') ? 'item-not-found' : 'service-unavailable');
    const type = stanza.attrs.type ?? 'normal';
    if (to.resource && !this.quirks.has('full-to-bare')) {
      const exact = this.online(bareJid(to)).find((s) => s.jid.toString() === to.toString());
      if (exact) return this.deliver(exact, stanza);
      if (type === 'error') return;
      if (type !== 'chat') return this.bounce(from, stanza, 'service-unavailable');
      if (this.quirks.has('unknown-resource-dropped')) return;
    }
    this.toBare(from, bareJid(to), type, stanza);
  }

  private toBare(from: WorldSession, bare: string, type: string, stanza: Element): void {
    if (type === 'error' && !this.quirks.has('error-answered')) return;
    if (type === 'error') return this.bounce(from, stanza, 'service-unavailable');
    const candidates = this.online(bare).filter((s) => this.quirks.has('to-negative') || (s.priority ?? 0) >= 0);
    if (type === 'groupchat' && !this.quirks.has('groupchat-delivered')) return this.bounce(from, stanza, 'service-unavailable');
    if (candidates.length === 0) return this.store(from, bare, stanza);
    const top = Math.max(...candidates.map((s) => s.priority ?? 0));
    const all = type === 'headline' && !this.quirks.has('headline-to-one');
    for (const session of candidates.filter((s) => all || this.quirks.has('to-negative') || (s.priority ?? 0) === top)) {
      const copy = toElement(stanza.toString());
      if (this.quirks.has('rewrite-to')) copy.attrs.to = session.jid.toString();
      this.deliver(session, copy);
    }
  }

  private store(from: WorldSession, bare: string, stanza: Element): void {
    if (this.quirks.has('no-offline')) return this.bounce(from, stanza, 'service-unavailable');
    if (this.quirks.has('lose-offline')) return;
    if (!this.quirks.has('keep-forged-delay')) {
      const forged = stanza.getChildren('delay', 'urn:xmpp:delay').filter((d) => d.attrs.from === DOMAIN);
      stanza.children = stanza.children.filter((child) => !forged.includes(child as Element));
    }
    const type = stanza.attrs.type ?? 'normal';
    const storable = (type === 'chat' || type === 'normal') && stanza.getChild('body') !== undefined;
    if (!storable && !this.quirks.has('store-everything')) return;
    if (!this.quirks.has('no-delay')) {
      const stamp = this.quirks.has('local-time-stamp') ? new Date().toISOString().replace(/\.\d+Z$/, '+02:00') : new Date().toISOString();
      stanza.append(xml('delay', { xmlns: 'urn:xmpp:delay', from: DOMAIN, stamp }));
    }
    this.offline.set(bare, [...(this.offline.get(bare) ?? []), stanza]);
  }

  protected presence(from: WorldSession, stanza: Element): void {
    if (stanza.attrs.type !== undefined || stanza.attrs.to !== undefined) return;
    const initial = !from.available;
    from.available = true;
    from.priority = Number(stanza.getChildText('priority') ?? 0);
    if (initial && (from.priority >= 0 || this.quirks.has('flush-to-negative'))) this.flush(from);
  }

  private flush(session: WorldSession): void {
    const bare = bareJid(session.jid);
    const stored = this.offline.get(bare) ?? [];
    if (!this.quirks.has('flush-twice')) this.offline.delete(bare);
    for (const stanza of stored) session.deliver(toElement(stanza.toString()));
  }

  private deliver(session: WorldSession, stanza: Element): void {
    if (!this.quirks.has('reorder')) return session.deliver(stanza);
    if (!this.#held) {
      this.#held = () => session.deliver(stanza);
      return;
    }
    session.deliver(stanza);
    this.flushLive();
  }

  private bounce(to: WorldSession, stanza: Element, condition: string): void {
    const { id } = stanza.attrs;
    to.deliver(xml('message', { type: 'error', id, from: stanza.attrs.to ?? DOMAIN }, xml('error', { type: 'cancel' }, xml(condition, { xmlns: STANZAS }))));
  }

  protected online(bare: string): WorldSession[] {
    return [...this.sessions].filter((s) => s.available && bareJid(s.jid) === bare);
  }

  protected answerIq(session: WorldSession, iq: Element): Element {
    const { id } = iq.attrs;
    const query = iq.getChildElements()[0];
    if (query?.is('query', 'http://jabber.org/protocol/disco#info')) {
      const features = this.quirks.has('no-msgoffline') || this.quirks.has('no-offline') ? [] : [xml('feature', { var: 'msgoffline' })];
      return xml('iq', { type: 'result', id }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, ...features));
    }
    return xml('iq', { type: 'result', id, to: session.jid.toString() });
  }
}

/** Runs the check `id` of `checks` against a fresh FakeWorld with `quirks`. */
export async function runOnFakeWorld(checks: readonly CheckDefinition[], id: string, ...quirks: Quirk[]): Promise<CheckOutcome> {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check.run(new FakeWorld(...quirks).context());
}

/** A check, its outcome on the well-behaved fake, the quirk that breaks its rule, and the violation's reason. */
export type FakeWorldCase = [id: string, fine: CheckOutcome['outcome'], quirk: Quirk, reason: RegExp];

/** One subtest per case: `fine` on the well-behaved fake, a violation matching `reason` with the quirk. */
export function testFineAndBroken(t: Test, checks: readonly CheckDefinition[], cases: readonly FakeWorldCase[]): void {
  for (const [id, fine, quirk, reason] of cases) {
    t.test(`${id}: the well-behaved fake, then the fake with ${quirk}`, async (t) => {
      const good = await runOnFakeWorld(checks, id);
      t.equal(good.outcome, fine, `well-behaved fake: ${good.reason}`);
      const broken = await runOnFakeWorld(checks, id, quirk);
      t.equal(broken.outcome, 'violation', `fake with ${quirk}: ${broken.reason}`);
      t.match(broken.reason, reason);
    });
  }
}
