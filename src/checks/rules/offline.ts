/** The rule behind each offline check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const offlineRules: RuleTable = {
  'rfc6121.offline.store-or-refuse': rule('RFC 6121 §8.5.2.2.1', 'SHOULD', 'A normal or chat message for an account with no resource online is either kept for later or refused with service-unavailable'),
  'xep0160.offline.unstored-types': rule('XEP-0160 §3', 'SHOULD', 'Offline storage keeps normal and chat messages and leaves out groupchat, headline and error'),
  'xep0160.offline.chat-state-only': rule('XEP-0160 §3', 'SHOULD', 'A chat message whose only content is a chat state notification is not kept offline'),
  'xep0160.offline.flush-on-presence': rule('XEP-0160 §2', 'SHOULD', 'Kept messages are handed over once the recipient sends non-negative available presence (the recommended flow), not at resource binding'),
  'xep0160.offline.negative-priority-held': rule('XEP-0160 §2', 'SHOULD', 'A resource coming online with negative priority does not trigger the hand-over of kept messages'),
  'rfc6120.offline.order-once': rule('RFC 6120 §10.1', 'MUST', 'Messages kept offline come back in the order they were sent; one handed over again after a reconnect would arrive after later ones, so each comes once (XEP-0160 has no keyword on order)'),
  'xep0160.offline.delay-present': rule('XEP-0160 §2', 'SHOULD', 'A message handed over from offline storage is marked as delayed with a XEP-0203 element'),
  'xep0203.offline.delay-stamp': rule('XEP-0203 §2', 'MUST', 'The delay stamp uses the XEP-0082 dateTime format in UTC (and names a moment between sending and hand-over)'),
  'xep0203.offline.forged-delay': rule('XEP-0203 §5', 'SHOULD', "A delay element from a client that claims the server's own JID is removed, or the stanza bounced"),
  'xep0160.offline.disco-feature': rule('XEP-0160 §4', 'SHOULD', "A server that handles offline messages this way reports the 'msgoffline' disco feature"),
};
