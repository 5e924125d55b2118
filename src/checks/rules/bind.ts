/** The rule behind each bind check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const bindRules: RuleTable = {
  'rfc6120.bind.server-generated': rule('RFC 6120 §7.6.1', 'MUST', "An empty <bind/> gets a full JID with a resource the server generated"),
  'rfc6120.bind.client-resource': rule('RFC 6120 §7.7.1', 'MUST', "A requested resource is granted (or replaced) and the full JID returned"),
  'rfc6120.bind.resource-too-long': rule('RFC 7622 §3.4', 'MUST', 'A resourcepart is at most 1023 octets: the server never binds a longer one', also('RFC 6120 §7.7.2.1', 'none', 'bad-request is the error defined for a resource the server cannot process; §7.7.1 also lets it substitute its own')),
  'rfc6120.bind.resource-conflict': rule('RFC 6120 §7.7.2.2', 'MUST', "Binding a resource already in use: new resource, <conflict/> error, or the old session ends — never both live"),
  'rfc3921.bind.legacy-session': rule('RFC 3921 §3', 'MUST', "The session IQ is accepted whenever <session/> is advertised (the RFC 3920 profile requires it)"),
};
