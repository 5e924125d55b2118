/** The rule behind each iq check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const iqRules: RuleTable = {
  'rfc6120.iq.one-reply-per-request': rule('RFC 6120 §8.2.3', 'MUST', 'Each get or set receives one reply, a result or an error, carrying the request id'),
  'rfc6120.iq.payload-count': rule('RFC 6120 §8.2.3', 'none', 'Exactly one child is the requester\'s duty; how a get with none or two is answered (<bad-request/> fits, §8.3.3.1) is recorded'),
  'rfc6120.iq.invalid-type': rule('RFC 6120 §8.3.3.1', 'none', "An unknown IQ 'type' is the example given for <bad-request/>, without a keyword; the reply only has to come for get and set, so what happens is recorded"),
  'rfc6120.iq.no-to-handled-for-account': rule('RFC 6120 §10.3.3', 'MUST', "An IQ without 'to' is handled by the server for the sender's own account"),
  'rfc6120.iq.unknown-namespace': rule('RFC 6120 §10.3.3', 'MUST', "A get in a namespace nobody serves, sent to the server or to the user's bare JID, is answered with <service-unavailable/>"),
  'rfc6120.iq.error-syntax': rule('RFC 6120 §8.3.1', 'MUST', 'An IQ error keeps the request id and holds an <error/> with a type and exactly one defined condition'),
  'rfc6120.iq.no-reply-to-response': rule('RFC 6120 §8.2.3', 'MUST NOT', 'A result or an error is never itself answered with a result or an error'),
  'rfc6120.iq.jid-malformed': rule('RFC 6120 §8.2.3', 'MUST', 'A get to an address that is not a JID still gets a reply, and that reply is an error', also('RFC 6120 §8.3.3.8', 'none', '<jid-malformed/> is the defined name for an invalid address; another condition is only recorded')),
  'rfc6121.iq.no-such-user': rule('RFC 6121 §8.5.1', 'MUST', 'An IQ to an account that does not exist here, bare or full JID, is answered with <service-unavailable/>'),
  'rfc6121.iq.offline-resource': rule('RFC 6121 §8.5.3.2.3', 'MUST', 'An IQ to a full JID whose resource is not connected is answered with <service-unavailable/>'),
};
