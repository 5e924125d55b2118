/** What every inbound connection of one listener shares: the peers' identity and the policy. */
import type { EventEmitter } from 'node:events';
import type { Element, WireListener } from '../xmpp/index.js';
import type { PeerCertificates } from './peer-certificates.js';
import type { Authority } from './verify-with-authority.js';

/**
 * How the listener answers, for conformance checks that need a dishonest or failing peer.
 * Defaults: honest answers to db:verify, real verification of the target's keys.
 */
export interface InboundPolicy {
  /** Our answer to the target's db:verify; 'honest' compares the key. */
  verifyAnswer?: 'honest' | 'valid' | 'invalid';
  /** What we answer the target's own db:result with; 'verify' dials its authority back. */
  inboundResult?: 'verify' | 'invalid' | 'error';
  /** false: never offer SASL EXTERNAL, so the target has to use dialback with us. */
  offerExternal?: boolean;
}

export interface ListenerContext {
  isPeerDomain(domain: string): boolean;
  secret: string;
  certificates: PeerCertificates;
  authorityFor(domain: string): Promise<Authority | undefined>;
  requireTls: boolean;
  offerExternal: boolean;
  timeoutMs: number;
  policy: InboundPolicy;
  /** Our dial-backs in flight across the listener (bounded by limits.maxDialbacksInFlight). */
  dialbacksInFlight: { count: number };
  /** 'connection', 'tls-failed', 'verify-request', 'result-request', 'inbound-authenticated', 'stanza'. */
  events: EventEmitter;
  deliver(stanza: Element): void;
  /** A wire listener per connection label (check wire logs), when someone records traffic. */
  wire?: (conn: string) => WireListener;
}
