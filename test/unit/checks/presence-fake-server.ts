/**
 * FAKE in-memory XMPP server for the area E–G check unit tests: a small, conformant model of
 * IQ routing, rosters and the subscription state machine (RFC 6120 §8, RFC 6121 §2–§4) that
 * delivers synchronously to fake sessions. Each named fault breaks exactly one rule, so a test
 * can show that the check responsible for that rule reports the violation.
 */
import { toElement, xml, type Element } from '../../../src/xmpp/index.js';
import type { CheckAccount, CheckContext } from '../../../src/checks/types.js';
import type { RawProbe } from '../../../src/xmpp/raw-probe.js';
import { FakeSession } from '../../helpers/fake-session.js';
import { noBoshEndpoint } from './fake-context-stubs.js';
import { routePresence } from './presence-fake-routing.js';

export const DOMAIN = 'fake.example';
const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const ROSTER = 'jabber:iq:roster';

export interface Item {
  subscription: 'none' | 'to' | 'from' | 'both';
  ask?: boolean;
  approved?: boolean;
  name?: string;
  groups: string[];
}

export interface User {
  roster: Map<string, Item>;
  ver: number;
  /** Subscription requests waiting for an available resource (RFC 6121 §3.1.3). */
  pendingIn: Map<string, Element>;
}

/** A fake client session whose sends go through the fake server. */
export class WorldSession extends FakeSession {
  available = false;
  interested = false;
  last?: Element;
  readonly directed = new Set<string>();
  constructor(
    private readonly world: FakeWorld,
    jid: string,
  ) {
    super(jid);
  }
  override async send(stanza: Element | string): Promise<void> {
    await super.send(stanza);
    this.world.route(this, toElement(stanza));
  }
  override async close(): Promise<void> {
    if (this.closed) return;
    this.world.drop(this);
    await super.close();
  }
  get full(): string {
    return this.jid.toString();
  }
  get bare(): string {
    return this.jid.bare().toString();
  }
}

export class FakeWorld {
  readonly users = new Map<string, User>();
  readonly sessions: WorldSession[] = [];
  readonly faults: Set<string>;
  preApproval = true;
  #n = 0;

  constructor(...faults: string[]) {
    this.faults = new Set(faults);
  }

  has(fault: string): boolean {
    return this.faults.has(fault);
  }

  online(bare: string): WorldSession[] {
    return this.sessions.filter((s) => s.bare === bare && s.available);
  }

  deliver(to: WorldSession, stanza: Element | string): void {
    to.deliver(toElement(typeof stanza === 'string' ? stanza : stanza.toString()));
  }

  error(to: WorldSession, iq: Element, condition: string): void {
    this.deliver(to, xml('iq', { type: 'error', id: iq.attrs.id, to: to.full }, xml('error', { type: 'cancel' }, xml(condition, { xmlns: STANZAS }))));
  }

  result(to: WorldSession, iq: Element, ...children: Element[]): void {
    const reply = xml('iq', { type: 'result', id: iq.attrs.id, to: to.full }, ...children);
    this.deliver(to, reply);
    if (this.has('double-reply')) this.deliver(to, reply);
  }

  itemXml(jid: string, item: Item | 'remove'): Element {
    if (item === 'remove') return xml('item', { jid, subscription: 'remove' });
    const attrs: Record<string, string | undefined> = { jid, subscription: item.subscription, name: item.name };
    if (item.ask) attrs.ask = 'subscribe';
    if (item.approved && !this.has('no-approved-attr')) attrs.approved = 'true';
    return xml('item', attrs, ...item.groups.map((g) => xml('group', {}, g)));
  }

  /** Roster push of one item to every interested resource of `bare` (RFC 6121 §2.1.6). */
  push(bare: string, jid: string, item: Item | 'remove', sender?: WorldSession): void {
    const user = this.users.get(bare)!;
    if (!this.has('ver-static')) user.ver++;
    for (const s of this.sessions.filter((x) => x.bare === bare && x.interested)) {
      if (this.has('push-sender-only') && sender && s !== sender) continue;
      const from = this.has('push-from-full') ? s.full : undefined;
      this.deliver(s, xml('iq', { type: 'set', id: `push${++this.#n}`, to: s.full, from }, xml('query', { xmlns: ROSTER, ver: String(user.ver) }, this.itemXml(jid, item))));
    }
  }

  route(from: WorldSession, stanza: Element): void {
    if (stanza.name === 'iq') this.routeIq(from, stanza);
    if (stanza.name === 'presence') routePresence(this, from, stanza);
  }

  drop(session: WorldSession): void {
    const index = this.sessions.indexOf(session);
    if (index >= 0) this.sessions.splice(index, 1);
    if (session.available && !this.has('no-ungraceful-unavailable')) routePresence(this, session, toElement("<presence type='unavailable'/>"));
  }

  private routeIq(from: WorldSession, iq: Element): void {
    const { type, to } = iq.attrs;
    if (type === 'result' || type === 'error') {
      if (this.has('answer-responses') && to !== from.full) this.error(from, iq, 'bad-request');
      return;
    }
    if (type !== 'get' && type !== 'set') return this.has('accept-bad-type') ? this.result(from, iq) : this.error(from, iq, 'bad-request');
    const children = iq.getChildElements();
    if (children.length !== 1) return this.has('accept-bad-payload') ? this.result(from, iq) : this.error(from, iq, 'bad-request');
    const payload = children[0]!;
    if (to?.split('@').length! > 2) {
      if (this.has('malformed-to-result')) return this.result(from, iq);
      return this.error(from, iq, this.has('malformed-to-bad-request') ? 'bad-request' : 'jid-malformed');
    }
    if (to?.includes('/')) {
      const target = this.sessions.find((s) => s.full === to);
      if (target) return this.deliver(target, iq);
      return this.has('offline-resource-not-found') ? this.error(from, iq, 'item-not-found') : this.error(from, iq, 'service-unavailable');
    }
    const self = to === undefined || to === from.bare;
    if (to !== undefined && to !== DOMAIN && !self) {
      // jabberd2's bug: the set for another user's roster lands in the sender's own roster.
      if (this.has('other-user-set-stored') && payload.getNS() === ROSTER && type === 'set') {
        const jid = payload.getChild('item')?.attrs.jid;
        if (jid) this.users.get(from.bare)!.roster.set(jid, { subscription: 'none', groups: [] });
      }
      return this.error(from, iq, this.users.has(to) && payload.getNS() === ROSTER ? 'forbidden' : 'service-unavailable');
    }
    if (payload.getNS() === ROSTER && self) {
      if (to === undefined && this.has('no-to-ignored')) return this.error(from, iq, 'service-unavailable');
      return this.roster(from, iq, payload);
    }
    if (to === DOMAIN && ['urn:xmpp:ping', 'http://jabber.org/protocol/disco#info'].includes(payload.getNS() ?? '')) return this.result(from, iq);
    if (this.has('unknown-ns-result')) return this.result(from, iq);
    if (this.has('error-two-conditions')) {
      return this.deliver(from, xml('iq', { type: 'error', id: iq.attrs.id }, xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: STANZAS }), xml('bad-request', { xmlns: STANZAS }))));
    }
    this.error(from, iq, 'service-unavailable');
  }

  private roster(from: WorldSession, iq: Element, query: Element): void {
    const user = this.users.get(from.bare)!;
    const items = query.getChildren('item');
    if (iq.attrs.type === 'get') {
      if (this.has('roster-get-error')) return this.error(from, iq, 'internal-server-error');
      if (items.length) return this.error(from, iq, 'bad-request');
      from.interested = true;
      if (query.attrs.ver !== undefined && query.attrs.ver === String(user.ver)) return this.result(from, iq);
      return this.result(from, iq, xml('query', { xmlns: ROSTER, ver: String(user.ver) }, ...[...user.roster].map(([jid, item]) => this.itemXml(jid, item))));
    }
    if (this.has('refuse-roster-sets')) return this.error(from, iq, 'not-allowed');
    if (items.length !== 1) return this.error(from, iq, 'bad-request');
    const item = items[0]!;
    const jid = item.attrs.jid!;
    const groups = item.getChildren('group').map((g) => g.getText());
    if (new Set(groups).size !== groups.length) return this.error(from, iq, 'bad-request');
    if (groups.includes('')) return this.error(from, iq, 'not-acceptable');
    if (item.attrs.subscription === 'remove') return this.remove(from, iq, jid);
    const old = user.roster.get(jid) ?? { subscription: 'none', groups: [] };
    const stored: Item = { ...old, name: item.attrs.name, groups };
    if (this.has('store-client-state')) Object.assign(stored, { subscription: item.attrs.subscription ?? old.subscription, ask: item.attrs.ask === 'subscribe' });
    user.roster.set(jid, stored);
    this.result(from, iq);
    this.push(from.bare, jid, stored, from);
  }

  private remove(from: WorldSession, iq: Element, jid: string): void {
    const item = this.users.get(from.bare)!.roster.get(jid);
    if (!item) return this.has('remove-unknown-ok') ? this.result(from, iq) : this.error(from, iq, 'item-not-found');
    if (!this.has('remove-keeps-subscriptions')) {
      if (item.subscription === 'to' || item.subscription === 'both') routePresence(this, from, toElement(`<presence to='${jid}' type='unsubscribe'/>`));
      if (item.subscription === 'from' || item.subscription === 'both') routePresence(this, from, toElement(`<presence to='${jid}' type='unsubscribed'/>`));
    }
    this.users.get(from.bare)!.roster.delete(jid);
    this.result(from, iq);
    this.push(from.bare, jid, this.has('remove-push-none') ? { subscription: 'none', groups: [] } : 'remove', from);
  }

  /** A CheckContext over this world; raw probes speak just enough for features, bind and drop. */
  context(): CheckContext {
    return {
      target: { domain: DOMAIN, host: '127.0.0.1', port: 5222 },
      profile: 'rfc6120',
      signal: new AbortController().signal,
      account: async () => {
        const username = `user${++this.#n}`;
        this.users.set(`${username}@${DOMAIN}`, { roster: new Map(), ver: 1, pendingIn: new Map() });
        return { username, password: 'pw', domain: DOMAIN, jid: `${username}@${DOMAIN}` };
      },
      login: async (account: CheckAccount, options = {}) => this.connect(account, options.resource ?? `r${++this.#n}`).asSession(),
      raw: async () => this.rawProbe(),
      bosh: noBoshEndpoint,
      note: () => undefined,
      barrier: async () => undefined,
    };
  }

  connect(account: CheckAccount, resource: string): WorldSession {
    const session = new WorldSession(this, `${account.jid}/${resource}`);
    this.sessions.push(session);
    return session;
  }

  private rawProbe(): RawProbe {
    let bound: WorldSession | undefined;
    let authenticated = '';
    const features = () => {
      const children = [this.has('no-rosterver-feature') ? undefined : xml('ver', { xmlns: 'urn:xmpp:features:rosterver' })];
      if (this.preApproval) children.push(xml('sub', { xmlns: 'urn:xmpp:features:pre-approval' }));
      return { features: xml('stream:features', {}, ...children) };
    };
    const unsupported = () => Promise.reject(new Error('not scripted in the fake raw probe'));
    const probe: RawProbe = {
      label: 'fake-raw',
      open: async () => features(),
      startTls: async () => features(),
      authScram: async (username: string) => {
        authenticated = `${username}@${DOMAIN}`;
        return true;
      },
      authPlain: unsupported,
      bind: async (resource = 'raw') => {
        bound = this.connect({ username: '', password: '', domain: DOMAIN, jid: authenticated }, resource);
        return bound.full;
      },
      send: (text: string) => void bound?.send(text),
      close: () => void bound?.close(),
      next: unsupported,
      waitFor: unsupported,
      streamError: unsupported,
      closedByServer: unsupported,
      state: { streamEnded: false, socketClosed: false },
    };
    return probe;
  }
}
