/**
 * What `gauntlet rank` learns about one host: facts only, each with the evidence it came from.
 * Probes (src/rank/probe/) fill it; grading (src/rank/grade/) reads it and never touches the network.
 * Anything not learned is `undefined` with a reason in `unknown`, never a guessed value.
 */

/** One observed fact's provenance: what we sent or looked up, and the (escaped later) answer. */
export interface Evidence {
  /** e.g. "SRV _xmpp-client._tcp.example.org", "TLS 1.0 ClientHello to 127.0.0.1:5222 after STARTTLS" */
  probe: string;
  /** Short, bounded text of what came back (a record, a handshake result, an element). */
  seen: string;
  /**
   * Fact paths this evidence supports, by HostFacts field names: "dns.tlsa", "c2sTls[0]",
   * "features.mechanismsBeforeTls". A path covers everything below it ("c2sTls[0]" covers its certificate).
   */
  facts: string[];
}

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface SrvRecord { target: string; port: number; priority: number; weight: number }

export interface DnsFacts {
  clientSrv: SrvRecord[];
  clientTlsSrv: SrvRecord[]; // _xmpps-client
  serverSrv: SrvRecord[];
  serverTlsSrv: SrvRecord[]; // _xmpps-server
  /** Addresses of the domain itself (A/AAAA fallback when no SRV). */
  addresses: string[];
  /** TLSA records found for the endpoints above (DANE), as "_5222._tcp.host: 3 1 1 ab12…". */
  tlsa: string[];
}

export interface CertificateFacts {
  /** Chain verifies against the trust given (system roots, or --ca). */
  trusted: boolean;
  /** OpenSSL's reason when not trusted, e.g. CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN. */
  trustError?: string;
  /** Identity per RFC 6125/9525: DNS-ID or SRV-ID matches the XMPP domain. */
  identityMatches: boolean;
  identityKinds: Array<'DNS-ID' | 'SRV-ID' | 'XmppAddr' | 'CN'>;
  subject: string;
  issuer: string;
  notAfter: string; // ISO 8601
  daysToExpiry: number; // negative when expired
  keyType: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'unknown';
  keyBits: number;
  signatureAlgorithm?: string;
}

export interface TlsFacts {
  /** Which endpoint: STARTTLS on the c2s/s2s port, or direct TLS (XEP-0368). */
  mode: 'starttls' | 'direct';
  host: string;
  port: number;
  /** Versions the server completed a handshake with (certificate checks aside). */
  versionsAccepted: TlsVersion[];
  versionsRefused: TlsVersion[];
  /** OpenSSL cipher suite names the server accepted, per version probed. */
  ciphers: Array<{ version: TlsVersion; name: string; bits: number; forwardSecret: boolean }>;
  /** Key exchange groups accepted (x25519, P-256, ffdhe2048…), when probed. */
  groups: string[];
  /** Weakest and strongest symmetric key bits among accepted ciphers. */
  minCipherBits: number;
  /** Accepts anonymous (aNULL) or NULL-encryption suites. */
  acceptsAnonymousOrNull: boolean;
  certificate?: CertificateFacts;
}

export interface StreamFeatureFacts {
  /** c2s, before authentication. */
  startTlsOffered: boolean;
  startTlsRequired: boolean;
  mechanismsBeforeTls: string[];
  mechanismsAfterTls: string[];
  channelBindingTypes: string[]; // XEP-0440
  sasl2: boolean; // XEP-0388
  fast: boolean; // XEP-0484
  registrationOffered: boolean; // IBR stream feature or iq:register answered
  registrationFields: string[]; // form fetched, nothing submitted
  /** Usually offered only after login: undefined (reason in `unknown`) when not seen before it. */
  streamManagement?: boolean; // XEP-0198
  csi?: boolean; // XEP-0352
  rosterVersioning?: boolean;
}

export interface FederationFacts {
  /** The observer domain played by the tool. */
  observer: string;
  reachable: boolean;
  tlsOffered: boolean;
  tlsRequired: boolean;
  dialbackAccepted: boolean;
  externalAccepted: boolean;
  /** The host connected back to our listener to verify (dialback) or to send. */
  dialedBack: boolean;
  tls?: TlsFacts;
}

export interface ServiceInventory {
  /** disco#info features of the domain (through the observer's s2s link). */
  features: string[];
  identities: Array<{ category: string; type: string; name?: string }>;
  /** disco#items of the domain, each with its own features. */
  items: Array<{ jid: string; features: string[]; identities: Array<{ category: string; type: string }> }>;
  /** XEP-0363 max file size in bytes, when advertised. */
  uploadMaxBytes?: number;
  /** XEP-0157 contact addresses by field (admin-addresses, abuse-addresses…). */
  contacts: Record<string, string[]>;
  /** XEP-0092 software version answer. */
  software?: { name: string; version?: string; os?: string };
}

export interface AccountFacts {
  jid: string;
  loginMs: number;
  /** Non-destructive c2s check ids → verdict. */
  checks: Record<string, 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'error'>;
}

export interface HostFacts {
  domain: string;
  /** When the probes ran (ISO 8601) and how long they took. */
  probedAt: string;
  durationMs: number;
  /** Host could not be probed at all (DNS NXDOMAIN, every port refused, …): the grade is F with this reason. */
  unreachable?: string;
  dns?: DnsFacts;
  c2sTls: TlsFacts[];
  s2sTls: TlsFacts[];
  features?: StreamFeatureFacts;
  federation?: FederationFacts;
  inventory?: ServiceInventory;
  account?: AccountFacts;
  /** Fact name → why it is unknown (timeout, refused, not offered, hostile answer cut off). */
  unknown: Record<string, string>;
  evidence: Evidence[];
}

/** One entry of the HOSTS file. */
export interface HostEntry {
  domain: string;
  /** Where to connect when DNS is not the way (lab hosts, tests); default: SRV then A/AAAA. */
  host?: string;
  port?: number;
  directPort?: number;
  s2sPort?: number;
  /** Only where the list gives one: used for the non-destructive c2s subset. */
  accounts?: Array<{ jid: string; passwordEnv: string }>;
}
