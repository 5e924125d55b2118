/** The rule behind each s2s check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const s2sRules: RuleTable = {
  'rfc6120.s2s.invalid-namespace': rule('RFC 6120 §4.9.3.10', 'none', "<invalid-namespace/> names a content namespace the server does not support, but no sentence obliges an s2s port to refuse a 'jabber:client' header"),
  'rfc6120.s2s.host-unknown': rule('RFC 6120 §4.7.1', 'MUST', "An s2s header 'to' a domain the server does not host is never answered as that domain: the response header is 'from' one of its own domains (refusing is the usual answer)", also('RFC 6120 §4.9.3.6', 'none', '<host-unknown/> is the defined name for a refused unknown domain; another condition is only recorded')),
  'rfc6120.s2s.starttls-offered': rule('RFC 6120 §5.3.1', 'MUST', "STARTTLS is offered on the s2s stream"),
  'rfc6120.s2s.tls-before-dialback': rule('RFC 6120 §5.3.1', 'MUST', "STARTTLS is required on s2s, and dialback sent before it is not accepted"),
  'xep0220.s2s.dialback-feature': rule('XEP-0220 §2.4.1, §2.4.2', 'none', "The dialback feature (with <errors/>) is a MUST only for a server that handles dialback errors; traditional dialback is announced by the namespace declaration and dialback is optional, so what the features after TLS advertise is recorded"),
  'rfc6120.s2s.stanza-before-auth': rule('RFC 6120 §4.9.3.12', 'MUST', "A stanza on an s2s stream before authentication gets not-authorized"),
  'xep0220.s2s.verifies-key': rule('XEP-0220 §2.1.2', 'MUST', "After our db:result the target verifies the key with our authoritative server (db:verify with the same key, from, to and id)"),
  'xep0220.s2s.valid-result': rule('XEP-0220 §2.2.1', 'MUST', "When our authoritative server says valid, the target answers db:result type=valid (from/to swapped) and delivers our stanzas"),
  'xep0220.s2s.invalid-result': rule('XEP-0220 §2.2.1', 'MUST', "When our authoritative server says invalid, the target answers type=invalid and delivers nothing"),
  'xep0220.s2s.unknown-target-domain': rule('XEP-0220 §2.2.1', 'MUST', "A server advertising dialback errors answers a db:result to a domain it does not host with type=error and keeps the stream open"),
  'xep0220.s2s.verify-answers': rule('XEP-0220 §2.2.2', 'MUST', "The target answers our db:verify with from/to swapped and the id copied: valid for its own key, invalid for a tampered one"),
  'xep0220.s2s.initiator-bounces-after-invalid': rule('XEP-0220 §2.1.1', 'MUST', "As initiator the target holds its stanzas until valid; after invalid they go back to the local sender as errors"),
  'rfc6120.s2s.improper-addressing': rule('RFC 6120 §8.1.2.2', 'MUST', "A stanza without 'from' on an authenticated s2s stream gets improper-addressing"),
  'rfc6120.s2s.invalid-from': rule('RFC 6120 §4.9.3.9', 'MUST', "A stanza 'from' a domain not authenticated on the stream gets invalid-from"),
  'rfc6121.s2s.iq-missing-user': rule('RFC 6121 §8.5.1', 'MUST', "An IQ from a remote user to a local account that does not exist gets service-unavailable back over s2s"),
  'rfc6121.s2s.subscription': rule('RFC 6121 §3.1.2', 'MUST', "A subscription to a remote contact completes across domains and the contact's 'from' arrives unchanged"),
  'xep0160.s2s.offline-from-remote': rule('XEP-0160 §2', 'SHOULD', "A message from a remote user to an offline local user is stored and delivered with a delay stamp at next login"),
  'xep0178.s2s.external-needs-matching-certificate': rule('XEP-0178 §3', 'SHOULD', "SASL EXTERNAL is offered to a peer whose certificate names its 'from', and not to one whose certificate names another domain"),
};
