/**
 * One s2s connection the target opened to our listener. We play the receiving server for the
 * peer domains (XEP-0220 §2.2.1: verify its key by calling its authoritative server back, or
 * SASL EXTERNAL per XEP-0178 §3) and the authoritative server for keys our outbound links sent
 * (§2.2.2: answer its db:verify). Anything out of order ends in the RFC 6120 stream error.
 */
import { randomBytes } from 'node:crypto';
import type tls from 'node:tls';
import { xml, type Element } from '../xmpp/index.js';
import { isValidDialbackKey } from './dialback-key.js';
import type { InboundPolicy, ListenerContext } from './listener-context.js';
import { S2S_NS } from './namespaces.js';
import { S2sStream, type HeaderAttrs } from './s2s-stream.js';
import { upgradeAsReceiver, verifiedClientNames } from './tls-upgrade.js';
import { verifyWithAuthority } from './verify-with-authority.js';

const STANZAS = new Set(['message', 'presence', 'iq']);

export class InboundConnection {
  readonly stream: S2sStream;
  readonly #ctx: ListenerContext;
  #id = '';
  #secure = false;
  #peerDomain = '';
  #remoteDomain = '';
  /** Domains the other side proved (dialback or EXTERNAL) on this stream, per our domain. */
  readonly #verified = new Set<string>();
  /** Domain pairs whose db:result we are verifying: one dial-back in flight per pair. */
  readonly #verifying = new Set<string>();
  #dialbackRequests = 0;

  constructor(stream: S2sStream, ctx: ListenerContext) {
    this.stream = stream;
    this.#ctx = ctx;
    stream.on('element', (element: Element) => this.#onElement(element));
    stream.deliver();
    this.#awaitHeader();
  }

  get policy(): InboundPolicy {
    return this.#ctx.policy;
  }

  #awaitHeader(): void {
    this.stream.onNextHeader(
      (header) => this.#onHeader(header),
      () => this.#failWithHeader({}, 'connection-timeout'),
    );
  }

  /** RFC 6120 §4.9.1.2: even to refuse, the receiving entity first sends its own header. */
  #failWithHeader(header: HeaderAttrs, condition: string, text?: string): void {
    this.stream.sendHeader({ from: this.#ctx.isPeerDomain(header.to ?? '') ? header.to : undefined, id: this.#newId() });
    this.stream.fail(condition, text);
  }

  #newId(): string {
    this.#id = randomBytes(9).toString('hex');
    return this.#id;
  }

  #onHeader(header: HeaderAttrs): void {
    if (header.xmlns !== S2S_NS.server) return this.#failWithHeader(header, 'invalid-namespace', `default namespace must be ${S2S_NS.server}`);
    if (!Object.entries(header).some(([name, value]) => name.startsWith('xmlns:') && value === S2S_NS.stream)) {
      return this.#failWithHeader(header, 'invalid-namespace', 'the stream namespace is missing');
    }
    const to = (header.to ?? '').toLowerCase();
    if (!this.#ctx.isPeerDomain(to)) return this.#failWithHeader(header, 'host-unknown', `${to || '(no to)'} is not served here`);
    if (this.#peerDomain && to !== this.#peerDomain) return this.#failWithHeader(header, 'host-unknown', 'the stream restarted for another domain');
    this.#peerDomain = to;
    this.#remoteDomain = (header.from ?? '').toLowerCase();
    this.stream.sendHeader({ from: to, to: header.from, id: this.#newId() });
    if (header.version !== '1.0') return; // a pre-RFC 3920 server: no features, dialback only
    this.stream.send(this.#features());
  }

  #features(): Element {
    const features = xml('stream:features');
    if (!this.#secure) {
      features.append(xml('starttls', { xmlns: S2S_NS.tls }, this.#ctx.requireTls ? xml('required') : undefined));
    }
    // After SASL the restarted stream offers no mechanisms again (RFC 6120 §6.4.6).
    if (this.#secure && !this.#verified.has(this.#remoteDomain) && this.#canExternal()) {
      features.append(xml('mechanisms', { xmlns: S2S_NS.sasl }, xml('mechanism', {}, 'EXTERNAL')));
    }
    if (this.#secure || !this.#ctx.requireTls) {
      features.append(xml('dialback', { xmlns: S2S_NS.dialbackFeature }, xml('errors')));
    }
    return features;
  }

  #canExternal(): boolean {
    return (this.policy.offerExternal ?? this.#ctx.offerExternal) && this.#remoteDomain !== '' && verifiedClientNames(this.stream.socket as tls.TLSSocket).includes(this.#remoteDomain);
  }

  #onElement(element: Element): void {
    if (element.is('starttls', S2S_NS.tls)) return void this.#startTls();
    if (element.is('auth', S2S_NS.sasl)) return this.#external(element);
    if (element.getNS() === S2S_NS.dialback && ++this.#dialbackRequests > this.stream.limits.maxDialbackRequests) {
      return this.stream.fail('policy-violation', `more than ${this.stream.limits.maxDialbackRequests} dialback requests on one stream`);
    }
    if (element.is('verify', S2S_NS.dialback)) return this.#answerVerify(element);
    if (element.is('result', S2S_NS.dialback)) return void this.#checkResult(element);
    if (STANZAS.has(element.name) && element.getNS() === S2S_NS.server) return this.#stanza(element);
    this.stream.fail('unsupported-stanza-type', `<${element.name}/> is not handled here`);
  }

  async #startTls(): Promise<void> {
    if (this.#secure) return this.stream.fail('policy-violation', 'TLS is already established');
    this.stream.send(xml('proceed', { xmlns: S2S_NS.tls }));
    try {
      const secure = await upgradeAsReceiver(this.stream.socket, {
        defaultDomain: this.#peerDomain,
        isPeerDomain: (name) => this.#ctx.isPeerDomain(name.toLowerCase()),
        certificates: this.#ctx.certificates,
        timeoutMs: this.#ctx.timeoutMs,
      });
      this.#secure = true;
      this.stream.replaceSocket(secure);
      this.#awaitHeader();
    } catch (error) {
      this.#ctx.events.emit('tls-failed', { error: (error as Error).message });
      this.stream.socket.destroy();
    }
  }

  #external(auth: Element): void {
    const authzid = auth.text().trim();
    const claimed = authzid === '' || authzid === '=' ? this.#remoteDomain : Buffer.from(authzid, 'base64').toString('utf8').toLowerCase();
    if (auth.attrs.mechanism !== 'EXTERNAL' || !this.#secure || !this.#canExternal() || claimed !== this.#remoteDomain) {
      this.stream.send(xml('failure', { xmlns: S2S_NS.sasl }, xml(auth.attrs.mechanism === 'EXTERNAL' ? 'not-authorized' : 'invalid-mechanism')));
      return;
    }
    this.#verified.add(this.#remoteDomain);
    this.#ctx.events.emit('inbound-authenticated', { from: this.#remoteDomain, to: this.#peerDomain, method: 'external' });
    this.stream.send(xml('success', { xmlns: S2S_NS.sasl }));
    this.stream.restart();
    this.#awaitHeader();
  }

  /** We are the authoritative server for our peer domains (XEP-0220 §2.2.2). */
  #answerVerify(verify: Element): void {
    const { from = '', to = '', id = '' } = verify.attrs;
    const answer = (type: string, error?: Element) => this.stream.send(xml('db:verify', { from: to, to: from, id, type }, error));
    if (!this.#ctx.isPeerDomain(to.toLowerCase())) {
      return answer('error', xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: S2S_NS.stanzas })));
    }
    const honest = isValidDialbackKey(this.#ctx.secret, { receiving: from, originating: to, streamId: id }, verify.text());
    this.#ctx.events.emit('verify-request', { from, to, id, key: verify.text().trim(), valid: honest });
    const forced = this.policy.verifyAnswer;
    answer(forced === 'valid' || forced === 'invalid' ? forced : honest ? 'valid' : 'invalid');
  }

  /** The target initiates to one of our domains (XEP-0220 §2.2.1): we dial back. */
  async #checkResult(result: Element): Promise<void> {
    const from = (result.attrs.from ?? '').toLowerCase();
    const to = (result.attrs.to ?? '').toLowerCase();
    const reply = (type: string, error?: Element) => this.stream.send(xml('db:result', { from: to, to: from, type }, error));
    if (!from || !to) return this.stream.fail('improper-addressing', 'db:result needs from and to');
    if (!this.#secure && this.#ctx.requireTls) return this.stream.fail('policy-violation', 'dialback before TLS');
    if (!this.#ctx.isPeerDomain(to)) {
      return reply('error', xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: S2S_NS.stanzas })));
    }
    const pair = `${from} ${to}`;
    // A repeated db:result while its dial-back runs is ignored: one verification per pair at a time.
    if (this.#verifying.has(pair)) return;
    const inFlight = this.#ctx.dialbacksInFlight;
    if (inFlight.count >= this.stream.limits.maxDialbacksInFlight) {
      return reply('error', xml('error', { type: 'wait' }, xml('resource-constraint', { xmlns: S2S_NS.stanzas })));
    }
    this.#ctx.events.emit('result-request', { from, to, id: this.#id, key: result.text().trim() });
    const decision = this.policy.inboundResult ?? 'verify';
    let outcome: 'valid' | 'invalid' | 'error' = decision === 'verify' ? 'error' : decision;
    if (decision === 'verify') {
      this.#verifying.add(pair);
      inFlight.count++;
      try {
        const authority = await this.#ctx.authorityFor(from);
        outcome = authority
          ? await verifyWithAuthority({ receiving: to, originating: from, streamId: this.#id, key: result.text().trim() }, authority, this.#ctx.certificates, this.#ctx.timeoutMs, this.#ctx.wire?.(`s2s-verify ${to}→${from}`)).catch(() => 'error' as const)
          : 'error';
      } finally {
        this.#verifying.delete(pair);
        inFlight.count--;
      }
    }
    if (this.stream.end) return;
    if (outcome === 'valid') {
      this.#verified.add(from);
      this.#ctx.events.emit('inbound-authenticated', { from, to, method: 'dialback' });
      reply('valid');
    } else if (outcome === 'invalid') {
      reply('invalid');
      this.stream.close();
    } else {
      reply('error', xml('error', { type: 'cancel' }, xml('remote-server-not-found', { xmlns: S2S_NS.stanzas })));
    }
  }

  #stanza(stanza: Element): void {
    const from = stanza.attrs.from ?? '';
    const to = stanza.attrs.to ?? '';
    if (this.#verified.size === 0) return this.stream.fail('not-authorized', 'stanza before authentication');
    if (!from || !to) return this.stream.fail('improper-addressing', 'a server-to-server stanza needs to and from');
    if (!this.#verified.has(domainOf(from))) return this.stream.fail('invalid-from', `${domainOf(from)} is not verified on this stream`);
    if (!this.#ctx.isPeerDomain(domainOf(to))) return this.stream.fail('host-unknown', `${domainOf(to)} is not served here`);
    this.#ctx.deliver(stanza);
  }
}

function domainOf(jid: string): string {
  const bare = jid.split('/')[0]!;
  return bare.slice(bare.indexOf('@') + 1).toLowerCase();
}
