/**
 * Receiving-server half of dialback (XEP-0220 §2.1.2): a dedicated stream to the authoritative
 * server of the domain that sent us a key, one <db:verify/>, its answer, close. TLS is used when
 * offered (lab targets require it on every s2s stream); no client certificate is presented.
 */
import { xml, type WireListener } from '../xmpp/index.js';
import { S2S_NS } from './namespaces.js';
import { tcpConnect } from './outbound.js';
import type { PeerCertificates } from './peer-certificates.js';
import { S2sStream } from './s2s-stream.js';
import { upgradeAsInitiator } from './tls-upgrade.js';

export interface VerifyRequest {
  /** Our domain (the one the key was sent to). */
  receiving: string;
  /** The domain that claims to have sent it. */
  originating: string;
  /** The id of the stream header we sent on the stream that carried the key. */
  streamId: string;
  key: string;
}

export interface Authority {
  host: string;
  port: number;
}

export type VerifyAnswer = 'valid' | 'invalid' | 'error';

export async function verifyWithAuthority(
  request: VerifyRequest,
  authority: Authority,
  certificates: PeerCertificates,
  timeoutMs: number,
  wire?: WireListener,
): Promise<VerifyAnswer> {
  const socket = await tcpConnect(authority.host, authority.port, timeoutMs);
  const stream = new S2sStream(socket);
  if (wire) stream.tapWire(wire);
  try {
    const open = async () => {
      stream.sendHeader({ from: request.receiving, to: request.originating });
      await stream.nextHeader(timeoutMs);
      return stream.next(timeoutMs, 'stream features');
    };
    let features = await open();
    if (features.getChild('starttls', S2S_NS.tls)) {
      stream.send(xml('starttls', { xmlns: S2S_NS.tls }));
      const proceed = await stream.next(timeoutMs, 'STARTTLS <proceed/>');
      if (!proceed.is('proceed', S2S_NS.tls)) return 'error';
      const secure = await upgradeAsInitiator(stream.socket, { targetDomain: request.originating, trusted: certificates.trusted, timeoutMs });
      stream.replaceSocket(secure);
      features = await open();
    }
    stream.send(xml('db:verify', { from: request.receiving, to: request.originating, id: request.streamId }, request.key));
    for (;;) {
      const answer = await stream.next(timeoutMs, 'the db:verify answer');
      if (answer.is('verify', S2S_NS.dialback) && answer.attrs.id === request.streamId) {
        return answer.attrs.type === 'valid' ? 'valid' : answer.attrs.type === 'invalid' ? 'invalid' : 'error';
      }
    }
  } finally {
    stream.close();
  }
}
