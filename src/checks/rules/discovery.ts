/** Rules of the discovery area: XEP-0156 1.4 (discovering the HTTP endpoints through host-meta). */
import { rule, type RuleTable } from './rule.js';

export const discoveryRules: RuleTable = {
  'xep0156.discovery.xrd': rule('XEP-0156 §2.2', 'MUST', 'A service using this discovery publishes its host-meta in the XRD format of RFC 6415 (fetched over HTTPS)'),
  'xep0156.discovery.jrd': rule('XEP-0156 §2.2', 'SHOULD', 'Besides the XRD form, the service also offers the JSON (JRD) form of host-meta'),
  'xep0156.discovery.cors': rule('XEP-0156 §3', 'SHOULD', 'host-meta carries CORS headers so that web clients served from other domains can read it'),
  'xep0156.discovery.secure-links': rule('XEP-0156 §2.2', 'MUST', 'The connection URLs listed in host-meta are https:// or wss:// ones only'),
};
