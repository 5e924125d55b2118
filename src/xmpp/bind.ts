/** Resource binding (RFC 6120 §7) and the legacy session IQ (RFC 3921 §3) when it is required. */
import { XmppConnectError } from './errors.js';
import { negotiationIq as request } from './stream-iq.js';
import type { XmppStream } from './stream.js';
import { NS, xml, type Element } from './xml.js';

/** Binds a resource (the server picks one if none is asked for) and returns the full JID. */
export async function bindResource(
  stream: XmppStream,
  features: Element,
  options: { resource?: string; timeoutMs: number },
): Promise<string> {
  if (!features.getChild('bind', NS.bind)) {
    throw new XmppConnectError('other', 'the server offers no resource binding after authentication');
  }
  const bind = xml('bind', { xmlns: NS.bind }, options.resource ? xml('resource', {}, options.resource) : undefined);
  const result = await request(stream, bind, options.timeoutMs, 'resource binding result');
  const jid = result.getChild('bind', NS.bind)?.getChildText('jid');
  if (!jid) throw new XmppConnectError('other', 'the bind result carries no <jid/>');

  const session = features.getChild('session', NS.session);
  if (session && !session.getChild('optional')) {
    await request(stream, xml('session', { xmlns: NS.session }), options.timeoutMs, 'session establishment result');
  }
  return jid;
}
