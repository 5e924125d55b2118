/** Namespaces of server-to-server streams (and their limits, re-exported). */
export const S2S_NS = {
  server: 'jabber:server',
  stream: 'http://etherx.jabber.org/streams',
  streams: 'urn:ietf:params:xml:ns:xmpp-streams',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  dialback: 'jabber:server:dialback',
  dialbackFeature: 'urn:xmpp:features:dialback',
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
} as const;

/** s2s streams take their bounds from the one definition in src/xmpp/limits.ts. */
export { DEFAULT_LIMITS, type StreamLimits } from '../xmpp/limits.js';
