/**
 * The fake in-memory server of message-fake-world.ts plus XEP-0077: a fake raw stream that
 * answers jabber:iq:register queries, account removal and password changes on sessions, and
 * just enough of presence subscriptions for the cancel check. Each `RegisterQuirk` breaks one rule.
 */
import { XmppConnectError, bareJid, NS, parseXml, xml, type Element } from '../../../src/xmpp/index.js';
import type { ProbeOpened, RawProbe } from '../../../src/xmpp/raw-probe.js';
import { FakeWorld, type WorldSession } from './message-fake-world.js';

export type RegisterQuirk =
  | 'ibr-off' // no register feature; form requests get service-unavailable
  | 'ibr-off-stream-error' // no register feature; form requests end the stream with not-authorized
  | 'form-before-tls' // the form is served on the cleartext stream
  | 'missing-accepted' // a registration without password succeeds
  | 'missing-bad-request' // a registration without password gets bad-request
  | 'empty-accepted' // a registration with an empty password succeeds
  | 'result-without-account' // a complete registration answers result but stores nothing
  | 'overwrite' // registering a taken name replaces its password
  | 'remove-ignored' // <remove/> answers result but keeps the account
  | 'remove-not-alone' // <remove/> next to other children still removes
  | 'keep-subscriptions' // removal leaves contacts subscribed, with no notice
  | 'empty-password-change'; // a change to an empty password is applied

const NS_REGISTER = 'jabber:iq:register';
const reply = (iq: Element, type: 'result' | 'error', condition?: string) =>
  xml('iq', { type, id: iq.attrs.id }, ...(condition ? [xml('error', { type: 'modify' }, xml(condition, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))] : []));

export class FakeRegistrar extends FakeWorld {
  readonly registerQuirks: Set<RegisterQuirk>;
  /** contact bare JID → the bare JIDs it is subscribed to. */
  readonly subscriptions = new Map<string, Set<string>>();

  constructor(...quirks: RegisterQuirk[]) {
    super();
    this.registerQuirks = new Set(quirks);
  }

  get ibrOn(): boolean {
    return !this.registerQuirks.has('ibr-off') && !this.registerQuirks.has('ibr-off-stream-error');
  }

  /** Only the members the register checks use. */
  protected override rawProbe(): RawProbe {
    const queue: Element[] = [];
    let secured = false;
    const features = (): ProbeOpened => ({ features: xml('stream:features', {}, ...(this.ibrOn ? [xml('register', { xmlns: 'http://jabber.org/features/iq-register' })] : [])) });
    const probe = {
      label: 'fake',
      open: async () => features(),
      startTls: async () => ((secured = true), features()),
      send: (text: string) => void queue.push(this.registerRequest(parseXml(text), secured)),
      waitFor: async (predicate: (e: Element) => boolean) => {
        const at = queue.findIndex(predicate);
        if (at < 0) throw new XmppConnectError('closed', 'the fake stream has nothing more to say');
        return queue.splice(at, 1)[0]!;
      },
      close: () => undefined,
    };
    return probe as unknown as RawProbe;
  }

  private registerRequest(iq: Element, secured: boolean): Element {
    if (this.registerQuirks.has('ibr-off-stream-error')) return xml('stream:error', { 'xmlns:stream': 'http://etherx.jabber.org/streams' }, xml('not-authorized', { xmlns: 'urn:ietf:params:xml:ns:xmpp-streams' }));
    if (!this.ibrOn) return reply(iq, 'error', 'service-unavailable');
    if (!secured && !this.registerQuirks.has('form-before-tls')) return reply(iq, 'error', 'policy-violation');
    const query = iq.getChild('query', NS_REGISTER)!;
    if (iq.attrs.type === 'get') return xml('iq', { type: 'result', id: iq.attrs.id }, xml('query', { xmlns: NS_REGISTER }, xml('username'), xml('password')));
    const username = query.getChildText('username');
    const password = query.getChildText('password');
    if (password === null && !this.registerQuirks.has('missing-accepted')) return reply(iq, 'error', this.registerQuirks.has('missing-bad-request') ? 'bad-request' : 'not-acceptable');
    if (password === '' && !this.registerQuirks.has('empty-accepted')) return reply(iq, 'error', 'not-acceptable');
    const jid = `${username}@fake.example`;
    if (this.passwords.has(jid) && !this.registerQuirks.has('overwrite')) return reply(iq, 'error', 'conflict');
    if (!this.registerQuirks.has('result-without-account')) this.passwords.set(jid, password ?? '');
    return reply(iq, 'result');
  }

  protected override answerIq(session: WorldSession, iq: Element): Element {
    const query = iq.getChild('query', NS_REGISTER);
    if (!query) return super.answerIq(session, iq);
    const bare = bareJid(session.jid);
    if (query.getChild('remove')) {
      if (query.getChildElements().length > 1 && !this.registerQuirks.has('remove-not-alone')) return reply(iq, 'error', 'bad-request');
      if (!this.registerQuirks.has('remove-ignored')) this.removeAccount(bare);
      return reply(iq, 'result');
    }
    const password = query.getChildText('password');
    if (password === '' && !this.registerQuirks.has('empty-password-change')) return reply(iq, 'error', 'not-acceptable');
    this.passwords.set(bare, password ?? '');
    return reply(iq, 'result');
  }

  private removeAccount(bare: string): void {
    this.passwords.delete(bare);
    for (const [contact, targets] of this.subscriptions) {
      if (!targets.delete(bare) || this.registerQuirks.has('keep-subscriptions')) continue;
      for (const session of this.online(contact)) session.deliver(xml('presence', { type: 'unsubscribed', from: bare }));
    }
  }

  /** subscribe is passed on; subscribed completes the subscription with a roster push to the contact. */
  protected override presence(from: WorldSession, stanza: Element): void {
    const { type, to } = stanza.attrs;
    if (to === undefined || (type !== 'subscribe' && type !== 'subscribed')) return super.presence(from, stanza);
    const sender = bareJid(from.jid);
    if (type === 'subscribe') {
      for (const session of this.online(to)) session.deliver(xml('presence', { type, from: sender }));
      return;
    }
    this.subscriptions.set(to, (this.subscriptions.get(to) ?? new Set()).add(sender));
    for (const session of this.online(to)) {
      session.deliver(xml('iq', { type: 'set', id: `push-${sender}` }, xml('query', { xmlns: NS.roster }, xml('item', { jid: sender, subscription: 'to' }))));
    }
  }
}
