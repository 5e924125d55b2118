/** The rule behind each message check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const messageRules: RuleTable = {
  'rfc6121.message.bare-chat': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A chat message to a bare JID goes to the most available resource(s) or to every non-negative one, and its 'to' is left bare"),
  'rfc6121.message.bare-normal': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A normal message to a bare JID goes to the most available resource(s) or to every non-negative one, and its 'to' is left bare"),
  'rfc6121.message.negative-priority': rule('RFC 6121 §8.5.2.1.1', 'MUST', 'Whatever its type, a message to a bare JID is never handed to a resource whose priority is negative'),
  'rfc6121.message.bare-headline': rule('RFC 6121 §8.5.2.1.1', 'MUST', 'A headline to a bare JID goes to every available resource with non-negative priority'),
  'rfc6121.message.bare-groupchat': rule('RFC 6121 §8.5.2.1.1', 'MUST', 'A groupchat message to a bare JID is delivered to no resource and an error goes back to the sender'),
  'rfc6121.message.bare-error-ignored': rule('RFC 6121 §8.5.2.1.1', 'MUST', 'A message of type error to a bare JID is dropped without delivery or answer'),
  'rfc6121.message.only-negative-priority': rule('RFC 6121 §8.5.2.1.1', 'MUST', 'When every resource has negative priority, a chat message to the bare JID reaches none of them (it is stored or refused instead)'),
  'rfc6121.message.full-jid': rule('RFC 6121 §8.5.3.1', 'MUST', 'A message to a full JID that is online goes to that resource alone, whatever its priority'),
  'rfc6121.message.unknown-resource-chat': rule('RFC 6121 §8.5.3.2.1', 'MUST', 'A chat message to a full JID that is not online goes, like one to the bare JID, to the single non-negative resource that is'),
  'rfc6121.message.unknown-resource-other-types': rule('RFC 6121 §8.5.3.2.1', 'MUST', 'A normal, groupchat or headline message to a full JID that is not online is dropped or refused, never handed to another resource'),
  'rfc6121.message.no-such-user': rule('RFC 6121 §8.5.1', 'MUST', 'A message to a local account that does not exist is either dropped or answered with service-unavailable'),
  'rfc6120.message.no-to': rule('RFC 6120 §10.3.1', 'MUST', "A message with no 'to' is treated as if it were addressed to the sender's own bare JID"),
  'rfc6120.message.remote-server-not-found': rule('RFC 6120 §10.4.3', 'MUST', 'A stanza for a domain that cannot be resolved comes back to the sender with remote-server-not-found'),
  'rfc6120.message.in-order': rule('RFC 6120 §10.1', 'MUST', 'Stanzas from one sender to one recipient are processed in the order sent: a burst of 200 to an online full JID (delivered to that resource, RFC 6121 §8.5.3.1) arrives whole and in order'),
};
