import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { readFileSync } from 'node:fs';

/**
 * A deliberately small XMPP stream for tests: write text, wait for text. It exists so tests can
 * observe exactly what a server sends, independent of the product's own client code.
 */
export class RawStream {
  private buffer = '';
  private lastHeader: { ns?: string; to?: string; extra?: string } = {};
  private waiters: Array<() => void> = [];

  private constructor(
    private socket: Socket | TLSSocket,
    readonly domain: string,
    private readonly tlsOptions: ConnectionOptions,
  ) {
    this.listen();
  }

  static async open(options: {
    host: string;
    port: number;
    domain: string;
    caFile: string;
    directTls?: boolean;
    extraTls?: ConnectionOptions;
  }): Promise<RawStream> {
    const tlsOptions: ConnectionOptions = {
      servername: options.domain,
      ca: readFileSync(options.caFile),
      ...options.extraTls,
    };
    const socket = options.directTls
      ? tlsConnect({ host: options.host, port: options.port, ...tlsOptions })
      : tcpConnect({ host: options.host, port: options.port });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.directTls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new RawStream(socket, options.domain, tlsOptions);
  }

  private listen(): void {
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.socket.on('close', () => this.waiters.splice(0).forEach((wake) => wake()));
    this.socket.on('error', () => undefined);
  }

  /** The server's certificate, once TLS is up. */
  peerCertificate(): PeerCertificate | undefined {
    return this.socket instanceof TLSSocket ? this.socket.getPeerCertificate() : undefined;
  }

  get closed(): boolean {
    return this.socket.destroyed || this.socket.readableEnded;
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** Opens a stream (default jabber:client) and returns everything up to the stream features. */
  async header(options: { ns?: string; to?: string; extra?: string } = this.lastHeader): Promise<string> {
    this.lastHeader = options;
    const ns = options.ns ?? 'jabber:client';
    this.send(
      `<?xml version='1.0'?><stream:stream to='${options.to ?? this.domain}' xmlns='${ns}' ` +
        `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'${options.extra ?? ''}>`,
    );
    return this.until(/<\/stream:features>|<stream:features\/>|<\/stream:error>/);
  }

  /** Resolves with (and consumes) the buffered text up to the first match of `pattern`. */
  async until(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.buffer);
      if (match) {
        const end = match.index + match[0].length;
        const text = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return text;
      }
      if (this.closed) throw new Error(`stream closed before ${pattern}; got: ${this.buffer}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern}; got: ${this.buffer}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** STARTTLS: ask, wait for <proceed/>, handshake, then restart the stream. */
  async startTls(): Promise<string> {
    this.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await this.until(/<proceed[^>]*\/>/);
    this.socket.removeAllListeners('data');
    const secure = tlsConnect({ socket: this.socket as Socket, ...this.tlsOptions });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.buffer = '';
    this.listen();
    return this.header(this.lastHeader);
  }

  /** PLAIN over TLS (tests only): returns true on <success/>. */
  async plainAuth(username: string, password: string): Promise<boolean> {
    const token = Buffer.from(`\0${username}\0${password}`).toString('base64');
    this.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
    const reply = await this.until(/<success[^>]*\/>|<\/success>|<\/failure>/);
    return reply.includes('<success');
  }

  /** After authentication: restart, bind a resource and send initial presence. */
  async bind(resource: string): Promise<string> {
    await this.header(this.lastHeader);
    this.send(
      `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`,
    );
    const reply = await this.until(/<\/iq>/);
    const jid = /<jid>([^<]+)<\/jid>/.exec(reply)?.[1];
    if (!jid) throw new Error(`bind failed: ${reply}`);
    this.send('<presence/>');
    return jid;
  }

  close(): void {
    this.socket.destroy();
  }
}
