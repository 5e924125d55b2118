/** The rule behind each roster check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const rosterRules: RuleTable = {
  'rfc6121.roster.get': rule('RFC 6121 §2.1.3', 'MUST', "A roster get returns a result with the roster query, and then lists the item just added"),
  'rfc6121.roster.get-with-items': rule('RFC 6121 §2.1.3', 'none', 'A roster get carries no item: a rule for the client; nothing says how the server answers one that does'),
  'rfc6121.roster.push-on-set': rule('RFC 6121 §2.1.5', 'MUST', "An add or update is answered with a result and pushed to every interested resource, the sender included"),
  'rfc6121.roster.push-syntax': rule('RFC 6121 §2.1.6', 'MUST', "A roster push has an id, one item, and no 'from' other than the user's bare JID"),
  'rfc6121.roster.set-bad-request': rule('RFC 6121 §2.1.5', 'MUST', "A roster set with two items or duplicate groups gets bad-request"),
  'rfc6121.roster.set-empty-group': rule('RFC 6121 §2.3.3', 'MUST', "A roster set with an empty <group/> gets not-acceptable"),
  'rfc6121.roster.set-other-user-forbidden': rule('RFC 6121 §2.3.3', 'MUST', "Only the account's own resources may update its roster: a set for another user's roster is refused with forbidden, no roster changes"),
  'rfc6121.roster.client-state-ignored': rule('RFC 6121 §2.1.5', 'MUST', "Subscription state is the server's: a roster set claiming 'subscription' (other than remove) or 'ask' never stores that state"),
  'rfc6121.roster.remove-unknown': rule('RFC 6121 §2.5.3', 'MUST', "Removing an item that is not in the roster gets item-not-found"),
  'rfc6121.roster.remove-push': rule('RFC 6121 §2.5.2', 'MUST', "Removing an item deletes it and pushes subscription='remove' to every interested resource"),
  'rfc6121.roster.remove-cancels-subscriptions': rule('RFC 6121 §2.5.2', 'MUST', "Removing a mutual contact sends it unsubscribe, unsubscribed and unavailable"),
  'rfc6121.roster.ver-feature': rule('RFC 6121 §2.6.1', 'MUST', "A server that returns roster 'ver' advertises the rosterver stream feature"),
  'rfc6121.roster.ver-sync': rule('RFC 6121 §2.6.2', 'MUST', "ver changes with every roster change; a stale ver yields the full roster or the missing pushes"),
  'rfc6121.roster.approved-attribute': rule('RFC 6121 §2.1.2.1', 'SHOULD', "A pre-approval shows as approved='true' on the roster item"),
};
