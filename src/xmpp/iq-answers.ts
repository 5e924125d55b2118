import { NS, xml, type Element } from './xml.js';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/**
 * The reply a simulated client owes to an incoming IQ request (RFC 6120 §8.2.3), or undefined
 * for anything that is not a get/set: pings (XEP-0199) and roster pushes (RFC 6121 §2.1.6) get
 * a result, every other request service-unavailable. Done by hand rather than with
 * @xmpp/middleware, which builds two parsed-JID contexts for every stanza in and out.
 */
export function answerIq(stanza: Element): Element | undefined {
  if (stanza.name !== 'iq' || (stanza.attrs.type !== 'get' && stanza.attrs.type !== 'set')) return undefined;
  const { id, from } = stanza.attrs;
  const payload = stanza.getChildElements()[0];
  const known =
    (stanza.attrs.type === 'get' && payload?.is('ping', NS.ping)) || (stanza.attrs.type === 'set' && payload?.is('query', NS.roster));
  if (known) return xml('iq', { id, type: 'result', to: from });
  return xml(
    'iq',
    { id, type: 'error', to: from },
    payload,
    xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS })),
  );
}
