/** XML elements as xmpp.js builds and parses them (ltx underneath). */
import xml, { Element, Parser } from '@xmpp/xml';

export { xml, Element, Parser };

export const NS = {
  client: 'jabber:client',
  stream: 'http://etherx.jabber.org/streams',
  streams: 'urn:ietf:params:xml:ns:xmpp-streams',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  saslChannelBinding: 'urn:xmpp:sasl-cb:0',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  session: 'urn:ietf:params:xml:ns:xmpp-session',
  ping: 'urn:xmpp:ping',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  httpUpload: 'urn:xmpp:http:upload:0',
  roster: 'jabber:iq:roster',
  rosterVersioning: 'urn:xmpp:features:rosterver',
  framing: 'urn:ietf:params:xml:ns:xmpp-framing',
  httpbind: 'http://jabber.org/protocol/httpbind',
  xbosh: 'urn:xmpp:xbosh',
} as const;

/** Parses exactly one complete element written as XML text; throws on anything else. */
export function parseXml(text: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  let complete = false;
  let problem: string | undefined;
  parser.on('start', (element) => {
    if (root) problem ??= 'more than one top-level element';
    root = element;
  });
  parser.on('element', (element) => {
    if (complete) problem ??= 'more than one top-level element';
    root?.append(element);
  });
  parser.on('end', () => {
    complete = true;
  });
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.write(text.trim());
  if (!problem && !complete) problem = 'not one complete element';
  if (problem || !root) throw new Error(`invalid XML (${problem}): ${text.slice(0, 80)}`);
  return root;
}

/** Accepts an element or its XML text. */
export function toElement(stanza: Element | string): Element {
  return typeof stanza === 'string' ? parseXml(stanza) : stanza;
}
