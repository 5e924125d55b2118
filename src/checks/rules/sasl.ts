/** The rule behind each sasl check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const saslRules: RuleTable = {
  'rfc6120.sasl.mechanisms-offered': rule('RFC 6120 §6.4.1', 'MUST', "After TLS the stream features offer at least one SASL mechanism, and one of them works"),
  'rfc4616.sasl.no-plain-before-tls': rule('RFC 4616 §1', 'SHOULD', "PLAIN is neither offered nor run on a stream without TLS"),
  'rfc6120.sasl.scram-sha-1': rule('RFC 6120 §13.8.3', 'MUST', "SCRAM-SHA-1 (mandatory to implement) is offered after TLS and authenticates"),
  'rfc6120.sasl.scram-sha-1-plus-offered': rule('RFC 6120 §13.8.3', 'MUST', "SCRAM-SHA-1-PLUS (mandatory to implement) is offered on a TLS stream"),
  'rfc5802.sasl.scram-server-signature': rule('RFC 5802 §5', 'MUST', "SCRAM: the server nonce extends ours and the server signature (v=) is correct"),
  'rfc5802.sasl.scram-plus-binding': rule('RFC 5802 §6', 'MUST', "SCRAM-SHA-1-PLUS succeeds with the true channel binding and fails with a tampered one"),
  'rfc9266.sasl.plus-on-tls13': rule('RFC 9266 §3', 'none', 'tls-exporter is the channel binding that exists on TLS 1.3; no sentence found that forbids offering -PLUS without it'),
  'rfc5802.sasl.gs2-downgrade-detected': rule('RFC 5802 §6', 'MUST', "A gs2 'y' flag while the server offers -PLUS fails authentication (downgrade detected)"),
  'rfc6120.sasl.wrong-password': rule('RFC 6120 §6.4.5', 'MUST', "A wrong password gets <failure><not-authorized/></failure>, not success or a dropped stream"),
  'rfc6120.sasl.retry-limit': rule('RFC 6120 §6.4.5', 'SHOULD', "After a failed authentication a few retries are allowed (2 to 5), then the stream is closed"),
  'rfc6120.sasl.invalid-authzid': rule('RFC 6120 §6.5.6', 'none', '<invalid-authzid/> is defined for an authzid the credentials may not use; RFC 4616 §2 describes the check without a keyword'),
  'rfc6120.sasl.invalid-mechanism': rule('RFC 6120 §6.4.5', 'MUST', 'A refused SASL exchange ends in <failure/> carrying a child that names why (never success, never silence)', also('RFC 6120 §6.5.7', 'none', '<invalid-mechanism/> is the condition defined for this case; not-authorized stays a legitimate generic answer')),
  'rfc6120.sasl.incorrect-encoding': rule('RFC 6120 §6.4.5', 'MUST', 'A refused SASL exchange ends in <failure/> carrying a child that names why (never success, never silence)', also('RFC 6120 §6.5.5', 'none', '<incorrect-encoding/> is the condition defined for this case; not-authorized stays a legitimate generic answer')),
  'rfc6120.sasl.malformed-request': rule('RFC 6120 §6.4.5', 'MUST', 'A refused SASL exchange ends in <failure/> carrying a child that names why (never success, never silence)', also('RFC 6120 §6.5.8', 'none', '<malformed-request/> is the condition defined for this case; not-authorized stays a legitimate generic answer')),
  'rfc6120.sasl.abort': rule('RFC 6120 §6.4.4', 'MUST', "<abort/> in the middle of an exchange gets <failure><aborted/></failure>"),
  'rfc6120.sasl.restart-after-success': rule('RFC 6120 §6.4.6', 'MUST', "After <success/> the restarted stream has a new id, offers resource binding and no SASL mechanisms"),
};
