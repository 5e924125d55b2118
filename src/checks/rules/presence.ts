/** The rule behind each presence check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const presenceRules: RuleTable = {
  'rfc6121.presence.initial-broadcast': rule('RFC 6121 §4.2.2', 'MUST', "Initial presence goes to subscribed contacts and to all of the user's available resources"),
  'rfc6121.presence.subsequent-broadcast': rule('RFC 6121 §4.4.2', 'MUST', "A presence update is broadcast in full to subscribed contacts and echoed to the sender"),
  'rfc6121.presence.contact-presence-on-login': rule('RFC 6121 §4.2.2', 'MUST', "A new presence session receives the current presence of the contacts it is subscribed to"),
  'rfc6121.presence.unavailable-broadcast': rule('RFC 6121 §4.5.2', 'MUST', "Unavailable presence, with its status, goes to subscribed contacts"),
  'rfc6121.presence.ungraceful-unavailable': rule('RFC 6121 §4.5.2', 'MUST', "When a connection drops without unavailable presence, the server sends unavailable to contacts"),
  'rfc6121.presence.subscribe-outbound': rule('RFC 6121 §3.1.2', 'MUST', "An outbound subscribe is stamped with the user's bare JID and pushed with ask='subscribe'"),
  'rfc6121.presence.subscribe-offline-stored': rule('RFC 6121 §3.1.3', 'MUST', "A subscribe to an offline contact is kept with its extensions and delivered once at the next login"),
  'rfc6121.presence.subscribe-auto-reply': rule('RFC 6121 §3.1.3', 'MUST', "A subscribe from an already-subscribed user is answered 'subscribed' by the contact's server, not passed to the contact"),
  'rfc6121.presence.approval': rule('RFC 6121 §3.1.5', 'MUST', "Approval pushes 'from' and 'to', delivers 'subscribed' before the push, then the contact's presence"),
  'rfc6121.presence.unsubscribed-cancels': rule('RFC 6121 §3.2.2', 'MUST', "Cancelling a granted subscription sends unavailable, then 'unsubscribed', and pushes both rosters"),
  'rfc6121.presence.unsubscribe': rule('RFC 6121 §3.3.2', 'MUST', "Unsubscribing pushes both rosters, delivers 'unsubscribe' and brings the contact's unavailable presence"),
  'rfc6121.presence.state-table-ignored': rule('RFC 6121 §A.3.2', 'MUST', "Inbound subscription stanzas that change no state are neither delivered nor pushed (reduced state table)"),
  'rfc6121.presence.pre-approval': rule('RFC 6121 §3.4', 'MUST', "When pre-approval is advertised, an early 'subscribed' is kept, not routed, and approves the later request"),
  'rfc6121.presence.directed': rule('RFC 6121 §4.6.3', 'SHOULD', "Directed presence reaches a non-contact, later broadcasts do not, and it gets unavailable when the sender leaves"),
  'rfc6121.presence.negative-priority': rule('RFC 6121 §4.7.2.3', 'MUST', "A negative-priority resource is announced with its priority and still receives its contacts' presence"),
  'rfc6121.presence.to-missing-user-ignored': rule('RFC 6121 §8.5.1', 'MUST', 'Presence (available or unavailable) to an account that does not exist is dropped without any answer'),
};
