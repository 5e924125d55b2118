/**
 * `openSession`: one c2s login, phase by phase, each phase timed. The order is RFC 6120's:
 * TCP, TLS (direct, or STARTTLS on the first stream), SASL, stream restart, bind.
 */
import { performance } from 'node:perf_hooks';
import type { ChannelBindingType } from './channel-binding.js';
import { authenticate, type SaslMechanism } from './sasl.js';
import { bindResource } from './bind.js';
import { openSecureStream, timed, type StreamTarget } from './secure-stream.js';
import { Session, type SessionInfo, type SessionTimings } from './session.js';

export type { TlsMode } from './secure-stream.js';

export interface SessionOptions extends StreamTarget {
  username: string;
  password: string;
  /** Requested resource; the server picks one when absent. */
  resource?: string;
  mechanism?: SaslMechanism | 'auto';
  channelBinding?: ChannelBindingType;
  allowCleartextAuth?: boolean;
  /** Limit for each phase and the default for iq/waitFor/close. Default 10 s. */
  timeoutMs?: number;
  /** Unclaimed stanzas kept for a later waitFor. Default 64. */
  inboxLimit?: number;
}

/** Logs in and binds; rejects with XmppConnectError, XmppAuthError, XmppStreamError, XmppStanzaError or XmppTimeoutError. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const { username, password, timeoutMs = 10_000 } = options;
  const timings: Partial<SessionTimings> = {};
  const started = performance.now();

  const { stream, socket, tlsSocket, features: offered } = await openSecureStream(options, timings);
  try {
    let features = offered;
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
    const jid = await timed(timings, 'bind', () => bindResource(stream, features, { resource: options.resource, timeoutMs, account: `${username}@${options.domain}` }));
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
