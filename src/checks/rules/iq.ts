/** The rule behind each iq check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const iqRules: RuleTable = {
  'rfc6120.iq.one-reply-per-request': rule('RFC 6120 §8.2.3', 'MUST', "Every IQ get/set gets exactly one result or error with the same id"),
  'rfc6120.iq.payload-count': rule('RFC 6120 §8.2.3', 'SHOULD', "A get/set with no payload or with two payloads is refused with bad-request"),
  'rfc6120.iq.invalid-type': rule('RFC 6120 §8.2.3', 'MUST', "An IQ whose 'type' is not get/set/result/error gets bad-request"),
  'rfc6120.iq.no-to-handled-for-account': rule('RFC 6120 §10.3.3', 'MUST', "An IQ with no 'to' is processed on behalf of the sender's account"),
  'rfc6120.iq.unknown-namespace': rule('RFC 6120 §10.3.3', 'MUST', "A get with an unknown payload namespace, to the server or to the user's bare JID, gets service-unavailable"),
  'rfc6120.iq.error-syntax': rule('RFC 6120 §8.3.1', 'MUST', "An IQ error mirrors the id and carries a type and exactly one defined condition"),
  'rfc6120.iq.no-reply-to-response': rule('RFC 6120 §8.2.3', 'MUST', "IQ results and errors are never answered with a further result or error"),
  'rfc6120.iq.jid-malformed': rule('RFC 6120 §8.2.3', 'MUST', 'Every get/set is answered with a result or an error; an unusable address yields an error', also('RFC 6120 §8.3.3.8', 'none', 'jid-malformed is the condition defined for an address that is not a valid JID')),
  'rfc6121.iq.no-such-user': rule('RFC 6121 §8.5.1', 'MUST', "An IQ to a local user that does not exist (bare or full JID) gets service-unavailable"),
  'rfc6121.iq.offline-resource': rule('RFC 6121 §8.5.3.2.3', 'MUST', "An IQ to a full JID with no matching resource gets service-unavailable"),
};
