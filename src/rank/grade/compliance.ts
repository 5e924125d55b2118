/**
 * XEP-0479 (XMPP Compliance Suites 2023) server features that can be seen without an account:
 * the domain's disco#info and disco#items (through the observer's s2s link), the stream features
 * before authentication, and direct TLS. Features only an account can see (e.g. MAM advertised on
 * the account's bare JID) count as absent when the domain does not advertise them.
 */
import type { HostFacts } from '../facts.js';
import { trace } from './trace.js';
import type { ComplianceGrade, ComplianceItem } from './types.js';

interface Rule {
  id: string;
  label: string;
  xep: string;
  paths: string[];
  /** undefined: the facts that would show it are unknown. */
  present(host: HostFacts): boolean | undefined;
}

function domainFeature(feature: string) {
  return (host: HostFacts) => host.inventory?.features.includes(feature);
}

/** On the domain or on one of its disco#items (services such as MUC and upload live there). */
function serviceFeature(feature: string) {
  return (host: HostFacts) => {
    const inv = host.inventory;
    return inv && (inv.features.includes(feature) || inv.items.some((item) => item.features.includes(feature)));
  };
}

export const COMPLIANCE_RULES: Rule[] = [
  { id: 'disco', label: 'service discovery', xep: 'XEP-0030', paths: ['inventory.features'], present: domainFeature('http://jabber.org/protocol/disco#info') },
  { id: 'pep', label: 'personal eventing (PEP)', xep: 'XEP-0163', paths: ['inventory.identities'], present: (h) => h.inventory?.identities.some((i) => i.category === 'pubsub' && i.type === 'pep') },
  { id: 'vcard', label: 'vcard-temp', xep: 'XEP-0054', paths: ['inventory.features'], present: domainFeature('vcard-temp') },
  { id: 'blocking', label: 'blocking command', xep: 'XEP-0191', paths: ['inventory.features'], present: domainFeature('urn:xmpp:blocking') },
  { id: 'carbons', label: 'message carbons', xep: 'XEP-0280', paths: ['inventory.features'], present: domainFeature('urn:xmpp:carbons:2') },
  { id: 'mam', label: 'message archive (MAM)', xep: 'XEP-0313', paths: ['inventory.features'], present: domainFeature('urn:xmpp:mam:2') },
  { id: 'push', label: 'push notifications', xep: 'XEP-0357', paths: ['inventory.features'], present: domainFeature('urn:xmpp:push:0') },
  { id: 'muc', label: 'group chat (MUC)', xep: 'XEP-0045', paths: ['inventory.items'], present: serviceFeature('http://jabber.org/protocol/muc') },
  { id: 'upload', label: 'HTTP file upload', xep: 'XEP-0363', paths: ['inventory.features', 'inventory.items'], present: serviceFeature('urn:xmpp:http:upload:0') },
  { id: 'proxy65', label: 'SOCKS5 bytestreams proxy', xep: 'XEP-0065', paths: ['inventory.items'], present: serviceFeature('http://jabber.org/protocol/bytestreams') },
  { id: 'extdisco', label: 'external services (STUN/TURN)', xep: 'XEP-0215', paths: ['inventory.features'], present: domainFeature('urn:xmpp:extdisco:2') },
  { id: 'contacts', label: 'contact addresses', xep: 'XEP-0157', paths: ['inventory.contacts'], present: (h) => h.inventory && Object.values(h.inventory.contacts).some((list) => list.length > 0) },
  { id: 'sm', label: 'stream management', xep: 'XEP-0198', paths: ['features.streamManagement'], present: (h) => h.features?.streamManagement },
  { id: 'csi', label: 'client state indication', xep: 'XEP-0352', paths: ['features.csi'], present: (h) => h.features?.csi },
  { id: 'rosterver', label: 'roster versioning', xep: 'RFC 6121', paths: ['features.rosterVersioning'], present: (h) => h.features?.rosterVersioning },
  {
    id: 'direct-tls', label: 'direct TLS', xep: 'XEP-0368', paths: ['c2sTls', 'dns.clientTlsSrv'],
    present: (h) => {
      if (h.c2sTls.some((t) => t.mode === 'direct' && t.versionsAccepted.length > 0)) return true;
      if (h.dns) return h.dns.clientTlsSrv.length > 0;
      return h.c2sTls.some((t) => t.mode === 'direct') ? false : undefined;
    },
  },
];

export function gradeCompliance(host: HostFacts): ComplianceGrade {
  // A host never reached has no coverage to speak of, whatever DNS said about one item.
  const items: ComplianceItem[] = COMPLIANCE_RULES.map((rule) => ({
    id: rule.id, label: rule.label, xep: rule.xep, present: host.unreachable === undefined ? (rule.present(host) ?? null) : null, ...trace(host, rule.paths),
  }));
  const known = items.filter((item) => item.present !== null);
  const percent = known.length === 0 ? null : Math.round((100 * known.filter((item) => item.present).length) / known.length);
  return { items, percent, known: known.length };
}
