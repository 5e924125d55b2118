/** Namespaces and limits of server-to-server streams. */
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

export interface StreamLimits {
  /** Largest top-level element (stanza, dialback element) in bytes; beyond it → policy-violation. */
  maxElementBytes: number;
  /** Time for the other side to send its stream header. */
  headerTimeoutMs: number;
  /** Our unsent output beyond this fails the stream instead of growing memory. */
  maxPendingWriteBytes: number;
}

export const DEFAULT_LIMITS: StreamLimits = {
  maxElementBytes: 256 * 1024,
  headerTimeoutMs: 30_000,
  maxPendingWriteBytes: 8 * 1024 * 1024,
};
