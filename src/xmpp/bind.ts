/** Resource binding (RFC 6120 §7) and the legacy session IQ (RFC 3921 §3) when it is required. */
import { randomUUID } from 'node:crypto';
import { XmppConnectError, XmppStanzaError } from './errors.js';
import type { XmppStream } from './stream.js';
import { NS, xml, type Element } from './xml.js';

async function request(stream: XmppStream, payload: Element, timeoutMs: number, what: string): Promise<Element> {
  const id = randomUUID();
  await stream.send(xml('iq', { type: 'set', id }, payload));
  for (;;) {
    const reply = await stream.next(timeoutMs, what);
    if (!reply.is('iq') || reply.attrs.id !== id) continue;
    if (reply.attrs.type === 'error') throw XmppStanzaError.fromStanza(reply);
    if (reply.attrs.type === 'result') return reply;
  }
}

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
