/** The rule behind each message check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const messageRules: RuleTable = {
  'rfc6121.message.bare-chat': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A chat message to a bare JID reaches the most available or all non-negative resources, 'to' unchanged"),
  'rfc6121.message.bare-normal': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A normal message to a bare JID reaches the most available or all non-negative resources, 'to' unchanged"),
  'rfc6121.message.negative-priority': rule('RFC 6121 §8.5.2.1.1', 'MUST', "No message to a bare JID reaches a negative-priority resource"),
  'rfc6121.message.bare-headline': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A headline to a bare JID reaches every non-negative resource"),
  'rfc6121.message.bare-groupchat': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A groupchat message to a bare JID is not delivered and returns an error"),
  'rfc6121.message.bare-error-ignored': rule('RFC 6121 §8.5.2.1.1', 'MUST', "A message of type error to a bare JID is silently ignored"),
  'rfc6121.message.only-negative-priority': rule('RFC 6121 §8.5.2.1.1', 'MUST', "With only negative-priority resources, a chat message is stored or refused, never delivered to them"),
  'rfc6121.message.full-jid': rule('RFC 6121 §8.5.3.1', 'MUST', "A message to a full JID reaches exactly that resource, even with negative priority"),
  'rfc6121.message.unknown-resource-chat': rule('RFC 6121 §8.5.3.2.1', 'MUST', "A chat message to an offline resource goes to the one non-negative resource that is online"),
  'rfc6121.message.unknown-resource-other-types': rule('RFC 6121 §8.5.3.2.1', 'MUST', "normal, groupchat and headline messages to an offline resource are ignored or refused, not rerouted"),
  'rfc6121.message.no-such-user': rule('RFC 6121 §8.5.1', 'MUST', "A message to a nonexistent local user is ignored or refused with service-unavailable"),
  'rfc6120.message.no-to': rule('RFC 6120 §10.3.1', 'MUST', "A message without 'to' is handled as addressed to the sender's bare JID"),
  'rfc6120.message.remote-server-not-found': rule('RFC 6120 §10.4.3', 'MUST', "A message to a domain that does not resolve returns remote-server-not-found"),
  'rfc6120.message.in-order': rule('RFC 6120 §10.1', 'MUST', "200 back-to-back messages from one sender arrive complete and in order"),
};
