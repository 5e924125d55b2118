/** The ways the FAKE c2s server (sasl-fake-server.ts) can break exactly one rule. */
export type FakeQuirk =
  | 'forge-signature'
  | 'bad-nonce'
  | 'accept-y'
  | 'ignore-binding'
  | 'no-retry-limit'
  | 'close-after-first-failure'
  | 'duplicate-bind'
  | 'starttls-again'
  | 'silent-abort'
  /** Blame tests: a roster get answered with service-unavailable; a stream error after binding. */
  | 'roster-unavailable'
  | 'stream-error-after-bind'
  /** Offers in-band registration and refuses every attempt with resource-constraint (a throttle). */
  | 'registration-throttled'
  /** PLAIN runs on the cleartext stream (the well-behaved fake answers encryption-required). */
  | 'cleartext-plain'
  /** A foreign PLAIN authzid is ignored (the session is the authenticating user's), not refused. */
  | 'ignore-authzid'
  /** A foreign PLAIN authzid is honoured: the session is bound as the other user. */
  | 'honour-authzid'
  /** Malformed SASL data of any kind gets the generic not-authorized. */
  | 'generic-sasl-failure'
  /** An over-long resource is replaced by a generated one instead of refused. */
  | 'replace-long-resource'
  /** An over-long resource is bound as requested. */
  | 'bind-long-resource'
  /** After a whitespace-only chunk, IQs are no longer answered. */
  | 'mute-after-whitespace'
  /** STARTTLS also completes TLS 1.0 and 1.1 handshakes. */
  | 'legacy-tls'
  /** STARTTLS without <required/>, and PLAIN offered (and run) before TLS. */
  | 'plain-before-tls'
  /** <starttls/> gets <proceed/>, but the stream goes on in cleartext: no TLS handshake follows. */
  | 'no-tls-after-proceed'
  /** STARTTLS speaks TLS 1.3 only. */
  | 'tls13-only'
  /** Undecodable or malformed SASL data logs in (as alice) instead of failing. */
  | 'succeed-on-garbage'
  /** No SASL mechanisms listed after TLS. */
  | 'no-mechanisms'
  /** SCRAM-SHA-1 (without -PLUS) is not offered. */
  | 'no-scram-sha-1'
  /** SCRAM-SHA-1-PLUS is not offered (on this fake's TLS 1.2). */
  | 'no-scram-plus'
  /** A SCRAM proof made with a wrong password is accepted. */
  | 'accept-any-password'
  /** An unknown mechanism name logs in (as alice). */
  | 'accept-unknown-mechanism'
  /** The stream restarted after <success/> lists the SASL mechanisms again. */
  | 'mechanisms-after-success'
  /** Bind answers with the bare JID (no resource). */
  | 'bind-without-resource'
  /** TLS 1.2 also completes with NULL-encryption and anonymous suites. */
  | 'weak-suites'
  /** A message is routed without stamping 'from' (it arrives as the client sent it). */
  | 'no-from-stamp'
  /** A client-supplied 'from' is kept (forgery delivered); a missing one is still stamped. */
  | 'keep-forged-from'
  /** <session/> is advertised, but the session IQ is refused. */
  | 'refuse-session'
  /** The direct-TLS port offers STARTTLS again inside TLS. */
  | 'direct-starttls-inside'
  /** The direct-TLS port answers SNI with a certificate for another domain (same CA). */
  | 'sni-wrong-certificate'
  /** The direct-TLS port refuses a handshake offering ALPN (no_application_protocol). */
  | 'refuse-alpn'
  /** A subscription request to a remote contact leaves with the sender's full JID as 'from'. */
  | 'subscribe-from-full-jid'
  /** A subscribe to a remote contact is accepted from the client but never routed over s2s. */
  | 'drop-remote-subscribe'
  /** A message for a remote domain whose dialback failed is dropped, not bounced to its sender. */
  | 'no-bounce-after-invalid';
