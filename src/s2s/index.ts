/** The s2s room's public surface: simulated federated servers (issue 6). */
export { dialbackKey, isValidDialbackKey, newDialbackSecret, type DialbackKeyInput } from './dialback-key.js';
export { PeerCertificates, type CertificateIssuer, type PeerCredentials } from './peer-certificates.js';
export { connectOutbound, openPeerStream, S2sAuthError, type OpenedStream, type OutboundLink, type OutboundOptions, type OutboundTimings, type PeerAuth } from './outbound.js';
export { S2sListener, type ListenerOptions } from './listener.js';
export type { InboundPolicy } from './listener-context.js';
export { PeerNetwork, domainOf, type PeerNetworkOptions, type PeerTarget, type LinkEvent } from './peer-network.js';
export { publishPeerDomains, describePeerDns, checkPeerDns, type DnsPublisher, type PeerDnsRecords } from './peer-dns.js';
export { resolveS2s, DEFAULT_S2S_PORT } from './resolve.js';
export { S2sStream, type HeaderAttrs, type StreamEnd } from './s2s-stream.js';
export { S2S_NS, DEFAULT_LIMITS, type StreamLimits } from './namespaces.js';
export { verifyWithAuthority, type Authority, type VerifyAnswer, type VerifyRequest } from './verify-with-authority.js';
export { DISCOVERY_PATTERN, parseDiscovery, describeDiscovery, discoveryProblem, operatorRecords, resolverConfigLines, type ListenerAddress, type PeerDiscovery } from './peer-discovery.js';
export { federationPreflight, PreflightObserver, type PreflightLeg, type PreflightOutcome } from './preflight.js';
