/** The rule behind each presence check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const presenceRules: RuleTable = {
  'rfc6121.presence.initial-broadcast': rule('RFC 6121 §4.2.2', 'MUST', "The first available presence of a resource is sent on to every contact with a subscription to the user and to each of the user's available resources, itself included"),
  'rfc6121.presence.subsequent-broadcast': rule('RFC 6121 §4.4.2', 'MUST', "A later presence update is broadcast whole (show, status, extensions) to the subscribed contacts and to the user's available resources"),
  'rfc6121.presence.contact-presence-on-login': rule('RFC 6121 §4.3', 'MUST', "After initial presence the server probes the contacts the user is subscribed to, and the current presence of each available one reaches the new session"),
  'rfc6121.presence.unavailable-broadcast': rule('RFC 6121 §4.5.2', 'MUST', 'Unavailable presence, status text included, is broadcast to the subscribed contacts'),
  'rfc6121.presence.ungraceful-unavailable': rule('RFC 6121 §4.5.2', 'MUST', 'When a session ends without unavailable presence, the server sends unavailable to the contacts on its behalf'),
  'rfc6121.presence.subscribe-outbound': rule('RFC 6121 §3.1.2', 'MUST', "An outgoing subscribe is stamped with the user's bare JID, and the user's interested resources get a push showing the contact pending (ask='subscribe')"),
  'rfc6121.presence.subscribe-offline-stored': rule('RFC 6121 §3.1.3', 'MUST', "A subscribe for a contact with no available resource is kept whole, extensions included, and handed over once when the contact next comes online"),
  'rfc6121.presence.subscribe-auto-reply': rule('RFC 6121 §3.1.3', 'MUST', "A subscribe from someone who already has the subscription is answered 'subscribed' by the contact's server from the contact's bare JID, without asking the contact"),
  'rfc6121.presence.approval': rule('RFC 6121 §3.1.6', 'MUST', "On an approval the user's resources get the 'subscribed' first and only then the push to 'to' (the contact side is pushed 'from', §3.1.5), followed by the contact's presence"),
  'rfc6121.presence.unsubscribed-cancels': rule('RFC 6121 §3.2.2', 'MUST', "When a contact cancels, its server sends the user unavailable from the contact's resources before the 'unsubscribed', and both rosters are pushed"),
  'rfc6121.presence.unsubscribe': rule('RFC 6121 §3.3.3', 'MUST', "An unsubscribe reaches the contact with a roster push on each side, and the contact's server sends the user unavailable from the contact's resources"),
  'rfc6121.presence.state-table-ignored': rule('RFC 6121 §3.1.6, §3.2.3, §3.3.3 (table: §A.3)', 'MUST', 'An inbound subscription stanza that changes no subscription state is dropped: not delivered, no roster push'),
  'rfc6121.presence.pre-approval': rule('RFC 6121 §3.4', 'MUST', "Where pre-approval is offered, a 'subscribed' sent in advance is recorded instead of routed, and the contact's later request is then approved automatically"),
  'rfc6121.presence.directed': rule('RFC 6121 §4.6.3', 'SHOULD', "Presence sent to one non-contact reaches it, later broadcasts do not, and it is told 'unavailable' when the sender goes offline"),
  'rfc6121.presence.negative-priority': rule('RFC 6121 §8.5.2.1.2, §4.4.2 (priority: §4.7.2.3)', 'MUST', "Presence is delivered to every available resource and broadcast from each, whatever its priority: a resource with negative priority is broadcast and echoed like any other, and keeps getting its contacts' presence"),
  'rfc6121.presence.to-missing-user-ignored': rule('RFC 6121 §8.5.1', 'MUST', 'Available or unavailable presence addressed to an account that does not exist is dropped silently'),
};
