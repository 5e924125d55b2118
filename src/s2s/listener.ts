/**
 * The loopback s2s listener all simulated peer domains share (the stream's `to` and the SNI
 * name tell them apart). Connections are capped; each one is an InboundConnection.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Element, WireListener } from '../xmpp/index.js';
import { InboundConnection } from './inbound-connection.js';
import type { InboundPolicy, ListenerContext } from './listener-context.js';
import { streamLimits, type StreamLimits } from '../xmpp/limits.js';
import type { PeerCertificates } from './peer-certificates.js';
import { S2sStream } from './s2s-stream.js';
import type { Authority } from './verify-with-authority.js';

export interface ListenerOptions {
  /** Default 127.0.0.1, port 0 (any free one). */
  host?: string;
  port?: number;
  isPeerDomain(domain: string): boolean;
  secret: string;
  certificates: PeerCertificates;
  /** Where the authoritative server of a connecting domain is (for dialing back). */
  authorityFor(domain: string): Promise<Authority | undefined>;
  /** Default true: STARTTLS required before dialback and stanzas. */
  requireTls?: boolean;
  /** Default true: EXTERNAL offered to connecting servers with a matching trusted certificate. */
  offerExternal?: boolean;
  deliver(stanza: Element): void;
  maxConnections?: number;
  timeoutMs?: number;
  /** Overrides of the process's stream limits (tests use small ones). */
  limits?: Partial<StreamLimits>;
  wire?: (conn: string) => WireListener;
}

export class S2sListener extends EventEmitter {
  readonly #server: net.Server;
  readonly #connections = new Set<InboundConnection>();
  readonly #ctx: ListenerContext;
  readonly #limits: StreamLimits;
  readonly #maxConnections: number;
  #accepted = 0;

  private constructor(server: net.Server, options: ListenerOptions) {
    super();
    this.#server = server;
    this.#limits = { ...streamLimits(), ...options.limits };
    this.#maxConnections = options.maxConnections ?? 1_000;
    this.#ctx = {
      isPeerDomain: options.isPeerDomain,
      secret: options.secret,
      certificates: options.certificates,
      authorityFor: options.authorityFor,
      requireTls: options.requireTls ?? true,
      offerExternal: options.offerExternal ?? true,
      timeoutMs: options.timeoutMs ?? 20_000,
      policy: {},
      dialbacksInFlight: { count: 0 },
      events: this,
      deliver: options.deliver,
      wire: options.wire,
    };
    server.on('connection', (socket) => this.#accept(socket));
  }

  static async start(options: ListenerOptions): Promise<S2sListener> {
    const server = net.createServer();
    const listener = new S2sListener(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return listener;
  }

  get address(): { host: string; port: number } {
    const { address, port } = this.#server.address() as net.AddressInfo;
    return { host: address, port };
  }

  /** Open inbound connections right now. */
  get connections(): number {
    return this.#connections.size;
  }

  /** Changes how the listener answers (conformance checks); `{}` restores honest behaviour. */
  setPolicy(policy: InboundPolicy): void {
    this.#ctx.policy = { ...policy };
  }

  #accept(socket: net.Socket): void {
    if (this.#connections.size >= this.#maxConnections) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const stream = new S2sStream(socket, this.#limits);
    const wire = this.#ctx.wire?.(`s2s-in#${++this.#accepted}`);
    if (wire) stream.tapWire(wire);
    this.emit('connection', { remote: `${socket.remoteAddress}:${socket.remotePort}` });
    const connection = new InboundConnection(stream, this.#ctx);
    this.#connections.add(connection);
    socket.once('close', () => this.#connections.delete(connection));
  }

  async close(): Promise<void> {
    for (const connection of this.#connections) connection.stream.close();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
