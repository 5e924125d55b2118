/** The rule behind each bind check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const bindRules: RuleTable = {
  'rfc6120.bind.server-generated': rule('RFC 6120 §7.6.1', 'MUST', 'An empty <bind/> is answered with a <jid/> holding the full JID and a resource the server picked'),
  'rfc6120.bind.client-resource': rule('RFC 6120 §7.7.1', 'MUST', 'A bind naming a resource returns the full JID, with that resource or one the server substituted'),
  'rfc6120.bind.resource-too-long': rule('RFC 7622 §3.4', 'MUST', 'No resourcepart over 1023 octets ever ends up bound', also('RFC 6120 §7.7.2.1', 'none', '<bad-request/> is the defined answer to a resource the server cannot use; substituting its own (§7.7.1) is recorded, not judged')),
  'rfc6120.bind.resource-conflict': rule('RFC 6120 §7.7.2.2', 'MUST', 'A second bind of a resource in use is settled one way: another resource, a <conflict/> error, or the old session closed with <conflict/>; never two live sessions on one full JID'),
  'rfc3921.bind.legacy-session': rule('RFC 3921 §3', 'MUST', 'Where <session/> is still advertised, the session IQ is answered with a result'),
};
