/** The rule behind each offline check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const offlineRules: RuleTable = {
  'rfc6121.offline.store-or-refuse': rule('RFC 6121 §8.5.2.2.1', 'SHOULD', "A chat message to a user with no available resource is stored or refused with service-unavailable"),
  'xep0160.offline.unstored-types': rule('XEP-0160 §3', 'SHOULD', "headline, groupchat and error messages are not stored offline; chat and normal are"),
  'xep0160.offline.chat-state-only': rule('XEP-0160 §3', 'SHOULD', "A chat message carrying only a chat state notification is not stored offline"),
  'xep0160.offline.flush-on-presence': rule('XEP-0160 §2', 'SHOULD', "Stored messages are delivered after initial presence, not at resource binding"),
  'xep0160.offline.negative-priority-held': rule('XEP-0160 §2', 'SHOULD', "Stored messages are not delivered to a resource that comes online with negative priority"),
  'rfc6120.offline.order-once': rule('RFC 6120 §10.1', 'MUST', "8 stored messages come back in the order sent, and only once across reconnects"),
  'xep0160.offline.delay-present': rule('XEP-0160 §2', 'SHOULD', "A stored message carries one delay element naming the server or the sender"),
  'xep0203.offline.delay-stamp': rule('XEP-0203 §2', 'MUST', "The delay stamp of a stored message is a UTC XEP-0082 time between sending and delivery"),
  'xep0203.offline.forged-delay': rule('XEP-0203 §5', 'SHOULD', "A client-made delay claiming the server's JID is discarded or refused with not-acceptable"),
  'xep0160.offline.disco-feature': rule('XEP-0160 §4', 'SHOULD', "A server that stores offline messages advertises the msgoffline feature, and only then"),
};
