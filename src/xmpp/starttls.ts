/** STARTTLS (RFC 6120 §5): ask, get <proceed/>, then secure the same TCP socket ourselves. */
import type tls from 'node:tls';
import { XmppConnectError } from './errors.js';
import type { XmppStream } from './stream.js';
import { secureSocket, type TlsSettings } from './tls.js';
import { NS, xml, type Element } from './xml.js';

export function offersStarttls(features: Element): boolean {
  return features.getChild('starttls', NS.tls) !== undefined;
}

/** Upgrades the stream's socket; the caller restarts the stream afterwards. */
export async function negotiateStarttls(
  stream: XmppStream,
  features: Element,
  options: TlsSettings & { domain: string; timeoutMs: number },
): Promise<tls.TLSSocket> {
  if (!offersStarttls(features)) {
    throw new XmppConnectError('tls-unavailable', `${options.domain} does not offer STARTTLS`, {
      hint: "use tls: 'direct' if the server has a direct TLS port",
    });
  }
  await stream.send(xml('starttls', { xmlns: NS.tls }));
  const answer = await stream.next(options.timeoutMs, 'STARTTLS <proceed/>');
  if (!answer.is('proceed', NS.tls)) {
    throw new XmppConnectError('tls-handshake', `the server answered STARTTLS with <${answer.name}/>`);
  }
  return secureSocket(stream.detach(), options);
}
