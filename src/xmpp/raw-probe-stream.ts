/** The implementation of RawProbe over one TCP (and later TLS) socket; see raw-probe.ts. */
import { randomUUID } from 'node:crypto';
import type net from 'node:net';
import type tls from 'node:tls';
import { XmppConnectError, XmppStanzaError, XmppStreamError } from './errors.js';
import type { ProbeHeaderOptions, ProbeOpened, RawProbe, RawProbeOptions, StreamErrorInfo, StreamHeader } from './raw-probe.js';
import { RawReader } from './raw-reader.js';
import { ScramClient } from './scram.js';
import { secureSocket } from './tls.js';
import { redactingListener, type WireListener } from './wire-redact.js';
import { NS, type Element } from './xml.js';

const NO_WIRE: WireListener = () => undefined;

/** Attribute values we put into headers and stanzas (quoted with '). */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

function headerInfo(root: Element): StreamHeader {
  const attrs = Object.fromEntries(Object.entries(root.attrs).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':')) : undefined;
  return {
    id: attrs.id,
    from: attrs.from,
    to: attrs.to,
    version: attrs.version,
    lang: attrs['xml:lang'],
    ns: attrs.xmlns,
    streamNs: prefix ? attrs[`xmlns:${prefix}`] : attrs.xmlns,
    attrs,
  };
}

function errorInfo(element: Element): StreamErrorInfo {
  const { condition, text } = XmppStreamError.fromElement(element);
  return { condition, text, element };
}

const isStreamError = (element: Element): boolean => element.is('error', NS.stream);

export class TcpRawProbe implements RawProbe {
  readonly label: string;
  readonly #options: RawProbeOptions;
  readonly #reader = new RawReader();
  readonly #wire: WireListener;
  readonly #timeoutMs: number;
  #socket: net.Socket;
  #tlsSocket?: tls.TLSSocket;
  #lastHeader: ProbeHeaderOptions = {};
  #serverHeader?: StreamHeader;

  constructor(socket: net.Socket, options: RawProbeOptions, tlsSocket?: tls.TLSSocket) {
    this.#options = options;
    this.label = options.label ?? 'raw';
    this.#wire = redactingListener(options.wire ?? NO_WIRE);
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#socket = tlsSocket ?? socket;
    this.#tlsSocket = tlsSocket;
    this.#listen();
  }

  get tlsSocket(): tls.TLSSocket | undefined {
    return this.#tlsSocket;
  }

  get serverHeader(): StreamHeader | undefined {
    return this.#serverHeader;
  }

  get state(): { streamEnded: boolean; socketClosed: boolean } {
    return { streamEnded: this.#reader.streamEnded, socketClosed: this.#reader.isSocketClosed };
  }

  async open(options: ProbeHeaderOptions = this.#lastHeader): Promise<ProbeOpened> {
    this.#lastHeader = options;
    const { to = this.#options.domain, from, ns = NS.client, streamNs = NS.stream, version = '1.0', lang } = options;
    const attrs: Array<[string, string | null | undefined]> = [
      ['to', to], ['from', from], ['version', version], ['xml:lang', lang], ['xmlns', ns], ['xmlns:stream', streamNs],
    ];
    const rendered = attrs.filter(([, value]) => typeof value === 'string').map(([name, value]) => ` ${name}='${escapeXml(value!)}'`);
    this.#reader.reset();
    this.#serverHeader = undefined;
    this.send(`${options.declaration === false ? '' : "<?xml version='1.0'?>"}<stream:stream${rendered.join('')}>`);

    const opened: ProbeOpened = {};
    if (await this.#reader.waitHeader(this.#timeoutMs)) opened.header = this.#serverHeader = headerInfo(this.#reader.header!);
    const first = await this.#reader
      .take((element) => isStreamError(element) || element.is('features', NS.stream), this.#timeoutMs, 'features')
      .catch(() => undefined);
    // A server whose stream cannot be read (bad XML, a DTD, a bound crossed) is named as such.
    if (!first && this.#reader.fault) throw this.#reader.fault;
    if (first && isStreamError(first)) opened.error = errorInfo(first);
    else if (first) opened.features = first;
    return opened;
  }

  send(text: string): void {
    if (this.#socket.destroyed) return;
    this.#wire('out', text);
    this.#socket.write(text);
  }

  next(timeoutMs = this.#timeoutMs): Promise<Element> {
    return this.#reader.take(() => true, timeoutMs, 'the next element');
  }

  waitFor(predicate: (element: Element) => boolean, timeoutMs = this.#timeoutMs): Promise<Element> {
    return this.#reader.take(predicate, timeoutMs, 'a matching element');
  }

  async streamError(timeoutMs = this.#timeoutMs): Promise<StreamErrorInfo | undefined> {
    const element = await this.#reader.take(isStreamError, timeoutMs, 'a stream error').catch(() => undefined);
    return element && errorInfo(element);
  }

  closedByServer(timeoutMs = this.#timeoutMs): Promise<boolean> {
    return this.#reader.until(() => this.#reader.streamEnded && this.#reader.isSocketClosed, timeoutMs);
  }

  async startTls(versions: { minVersion?: tls.SecureVersion; maxVersion?: tls.SecureVersion } = {}): Promise<ProbeOpened> {
    this.send(`<starttls xmlns='${NS.tls}'/>`);
    const answer = await this.#reader.take((element) => element.getNS() === NS.tls, this.#timeoutMs, 'the STARTTLS answer');
    if (!answer.is('proceed')) throw new XmppConnectError('tls-handshake', `the server answered STARTTLS with <${answer.name}/>`);
    this.#socket.removeAllListeners('data');
    this.#socket.removeAllListeners('close');
    const { domain, ca } = this.#options;
    this.#tlsSocket = await secureSocket(this.#socket, { domain, ca, timeoutMs: this.#timeoutMs, ...versions }).catch((error: unknown) => {
      // The plain socket's listeners are gone: nothing else would tell the reader.
      this.#reader.socketClosed();
      throw error;
    });
    this.#socket = this.#tlsSocket;
    this.#listen();
    return this.open();
  }

  async authPlain(username: string, password: string, authzid = ''): Promise<boolean> {
    if (!this.#tlsSocket) throw new XmppConnectError('tls-unavailable', 'refusing to send a PLAIN password without TLS');
    const token = Buffer.from(`${authzid}\0${username}\0${password}`, 'utf8').toString('base64');
    this.send(`<auth xmlns='${NS.sasl}' mechanism='PLAIN'>${token}</auth>`);
    return this.#saslOutcome();
  }

  async authScram(username: string, password: string): Promise<boolean> {
    const scram = new ScramClient({ hash: 'SHA-1', username, password });
    this.send(`<auth xmlns='${NS.sasl}' mechanism='SCRAM-SHA-1'>${base64(scram.clientFirst())}</auth>`);
    const first = await this.#reader.take((element) => element.getNS() === NS.sasl, this.#timeoutMs, 'the SCRAM challenge');
    if (first.name !== 'challenge') return false;
    this.send(`<response xmlns='${NS.sasl}'>${base64(await scram.clientFinal(unbase64(first.text())))}</response>`);
    const last = await this.#reader.take((element) => element.getNS() === NS.sasl, this.#timeoutMs, 'the SCRAM outcome');
    if (last.name !== 'success') return false;
    // Throws XmppAuthError('server-signature-invalid') when the server did not prove it knows the password.
    scram.verifyServerFinal(unbase64(last.text()));
    return true;
  }

  async bind(resource?: string): Promise<string> {
    const { features } = await this.open();
    if (!features?.getChild('bind', NS.bind)) throw new XmppConnectError('other', 'no resource binding offered after authentication');
    const inner = resource ? `<resource>${escapeXml(resource)}</resource>` : '';
    const result = await this.#iq(`<bind xmlns='${NS.bind}'>${inner}</bind>`, 'the bind result');
    const jid = result.getChild('bind', NS.bind)?.getChildText('jid');
    if (!jid) throw new XmppConnectError('other', 'the bind result carries no <jid/>');
    const session = features.getChild('session', NS.session);
    if (session && !session.getChild('optional')) await this.#iq(`<session xmlns='${NS.session}'/>`, 'the session result');
    return jid;
  }

  close(): void {
    if (!this.#socket.destroyed && !this.#reader.isSocketClosed) this.send('</stream:stream>');
    this.#socket.destroy();
  }

  async #saslOutcome(): Promise<boolean> {
    const outcome = await this.#reader.take((e) => e.is('success', NS.sasl) || e.is('failure', NS.sasl), this.#timeoutMs, 'the SASL outcome');
    return outcome.name === 'success';
  }

  async #iq(payload: string, what: string): Promise<Element> {
    const id = randomUUID();
    this.send(`<iq type='set' id='${id}'>${payload}</iq>`);
    const reply = await this.#reader.take((e) => e.is('iq') && e.attrs.id === id, this.#timeoutMs, what);
    if (reply.attrs.type !== 'result') throw XmppStanzaError.fromStanza(reply);
    return reply;
  }

  #listen(): void {
    this.#socket.setEncoding('utf8');
    this.#socket.on('data', (chunk: string) => {
      this.#wire('in', chunk);
      this.#reader.write(chunk);
      // A stream that can no longer be read is dropped at once instead of read to its end.
      if (this.#reader.fault) this.#socket.destroy();
    });
    this.#socket.on('close', () => this.#reader.socketClosed());
    this.#socket.on('error', () => undefined);
  }
}

const base64 = (text: string): string => (text === '' ? '=' : Buffer.from(text, 'utf8').toString('base64'));
const unbase64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

