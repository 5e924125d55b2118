/** The rule behind each roster check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const rosterRules: RuleTable = {
  'rfc6121.roster.get': rule('RFC 6121 §2.1.4', 'MUST', 'A roster get is answered with a result holding the roster query, and an item added since is listed in it'),
  'rfc6121.roster.get-with-items': rule('RFC 6121 §2.1.3', 'none', 'Only the client is told to keep items out of a roster get; the text gives the server no rule for a get that carries one'),
  'rfc6121.roster.push-on-set': rule('RFC 6121 §2.3.2', 'MUST', 'A roster set that adds or changes an item gets a result, and every interested resource, the sender too, gets a push with the new item'),
  'rfc6121.roster.push-syntax': rule('RFC 6121 §2.1.6', 'MUST', 'A roster push carries exactly one item (and, being an IQ, an id)', also('RFC 6121 §2.1.6', 'none', "'from' absent or the bare JID is what the client must check before trusting a push; no sentence addresses the server")),
  'rfc6121.roster.set-bad-request': rule('RFC 6121 §2.3.3', 'MUST', 'A roster set with more than one item, or with the same group twice, is refused with bad-request'),
  'rfc6121.roster.set-empty-group': rule('RFC 6121 §2.3.3', 'MUST', 'A roster set whose group element is empty is refused with not-acceptable'),
  'rfc6121.roster.set-other-user-forbidden': rule('RFC 6121 §2.3.3', 'MUST', "A sender not entitled to change a roster (anyone but the account's own resources) is refused with forbidden, and neither roster changes"),
  'rfc6121.roster.client-state-ignored': rule('RFC 6121 §2.1.2.5', 'MUST', "In a roster set the server disregards every 'subscription' value except remove, so a claimed state is never stored", also('RFC 6121 §2.1.2.2', 'none', "Only the client is forbidden to send 'ask'; the server is not told what to do with one it receives")),
  'rfc6121.roster.remove-unknown': rule('RFC 6121 §2.5.3', 'MUST', 'Removing a JID that is not in the roster is answered with item-not-found'),
  'rfc6121.roster.remove-push': rule('RFC 6121 §2.5.2', 'MUST', "A successful remove is answered with a result and pushed with subscription='remove' to every interested resource"),
  'rfc6121.roster.remove-cancels-subscriptions': rule('RFC 6121 §2.5.2', 'MUST', 'Removing a contact with a mutual subscription sends it both unsubscribe and unsubscribed, and (§3.2.2) unavailable from the user'),
  'rfc6121.roster.ver-feature': rule('RFC 6121 §2.6.1', 'MUST', 'A server that versions rosters announces it with the rosterver stream feature'),
  'rfc6121.roster.ver-sync': rule('RFC 6121 §2.6.3', 'MUST', "A get naming an older 'ver' brings the client up to date: the whole roster with the new ver, or an empty result followed by pushes for what changed (a ver that does not move with a change cannot do that)"),
  'rfc6121.roster.approved-attribute': rule('RFC 6121 §2.1.2.1', 'SHOULD', "The server marks a pre-approved contact with approved='true' on its roster item"),
};
