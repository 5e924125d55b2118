/**
 * `openSession`: one c2s login, phase by phase, each phase timed. The order is RFC 6120's:
 * TCP, TLS (direct, or STARTTLS on the first stream), SASL, stream restart, bind.
 */
import { performance } from 'node:perf_hooks';
import type tls from 'node:tls';
import type { ChannelBindingType } from './channel-binding.js';
import { connectTcp } from './connect.js';
import { authenticate, type SaslMechanism } from './sasl.js';
import { bindResource } from './bind.js';
import { Session, type SessionInfo, type SessionTimings } from './session.js';
import { negotiateStarttls } from './starttls.js';
import { XmppStream } from './stream.js';
import { secureSocket, type TlsSettings } from './tls.js';

export type TlsMode = 'starttls' | 'direct' | 'none';

export interface SessionOptions extends TlsSettings {
  /** The XMPP domain: stream `to`, SNI and the certificate identity. */
  domain: string;
  /** Where to connect; default the domain (no SRV lookup). */
  host?: string;
  /** Default 5222, or 5223 for direct TLS. */
  port?: number;
  tls: TlsMode;
  username: string;
  password: string;
  /** Requested resource; the server picks one when absent. */
  resource?: string;
  mechanism?: SaslMechanism | 'auto';
  channelBinding?: ChannelBindingType;
  allowCleartextAuth?: boolean;
  lang?: string;
  /** Limit for each phase and the default for iq/waitFor/close. Default 10 s. */
  timeoutMs?: number;
  /** Unclaimed stanzas kept for a later waitFor. Default 64. */
  inboxLimit?: number;
}

/** Runs `phase` and stores its duration under `name`. */
async function timed<T>(timings: Partial<SessionTimings>, name: keyof SessionTimings, phase: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await phase();
  timings[name] = performance.now() - start;
  return result;
}

/** Logs in and binds; rejects with XmppConnectError, XmppAuthError, XmppStreamError, XmppStanzaError or XmppTimeoutError. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const { domain, username, password, timeoutMs = 10_000 } = options;
  const host = options.host ?? domain;
  const port = options.port ?? (options.tls === 'direct' ? 5223 : 5222);
  const tlsOptions = { domain, timeoutMs, ca: options.ca, minVersion: options.minVersion, maxVersion: options.maxVersion };
  const timings: Partial<SessionTimings> = {};
  const started = performance.now();

  const socket = await timed(timings, 'tcp_connect', () => connectTcp({ host, port, timeoutMs }));
  const stream = new XmppStream({ domain, username, lang: options.lang, timeoutMs });
  try {
    let tlsSocket: tls.TLSSocket | undefined;
    if (options.tls === 'direct') {
      tlsSocket = await timed(timings, 'tls_handshake', () => secureSocket(socket, { ...tlsOptions, alpn: ['xmpp-client'] }));
      stream.attach(tlsSocket, true);
    } else {
      stream.attach(socket, false);
    }
    let features = await stream.open();
    if (options.tls === 'starttls') {
      tlsSocket = await timed(timings, 'tls_handshake', () => negotiateStarttls(stream, features, tlsOptions));
      stream.attach(tlsSocket, true);
      features = await stream.open(true);
    }

    const sasl = await timed(timings, 'sasl_auth', () =>
      authenticate(stream, features, tlsSocket, {
        username,
        password,
        mechanism: options.mechanism,
        channelBinding: options.channelBinding,
        allowCleartextAuth: options.allowCleartextAuth,
        timeoutMs,
      }),
    );
    features = await stream.open(true);
    const jid = await timed(timings, 'bind', () => bindResource(stream, features, { resource: options.resource, timeoutMs }));
    timings.login_total = performance.now() - started;

    const info: SessionInfo = {
      mechanism: sasl.mechanism,
      offeredMechanisms: sasl.offered,
      channelBinding: sasl.channelBinding,
      tlsProtocol: tlsSocket?.getProtocol() ?? undefined,
      tlsCipher: tlsSocket?.getCipher().name,
    };
    const params = { jid, timings: timings as SessionTimings, info, timeoutMs, inboxLimit: options.inboxLimit ?? 64 };
    return new Session(stream, params, stream.finishNegotiation());
  } catch (error) {
    stream.destroy();
    socket.destroy();
    throw error;
  }
}
