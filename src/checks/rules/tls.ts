/** The rule behind each tls check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const tlsRules: RuleTable = {
  'rfc6120.tls.starttls-required': rule('RFC 6120 §5.3.1', 'SHOULD', "TLS is mandatory-to-negotiate: STARTTLS carries <required/> and nothing else is offered before it"),
  'rfc6120.tls.no-auth-before-tls': rule('RFC 6120 §5.3.1', 'MUST', 'When TLS is mandatory-to-negotiate, SASL and stanzas before TLS are refused, not carried on'),
  'rfc6120.tls.starttls-handshake': rule('RFC 6120 §5.4.2.3', 'MUST', "<starttls/> gets <proceed/>, the handshake succeeds with a valid certificate, and the stream restarts"),
  'rfc6120.tls.no-starttls-after-tls': rule('RFC 6120 §5.4.3.3', 'MUST', "After TLS, STARTTLS is neither offered again nor accepted"),
  'xep0368.tls.direct-tls': rule('XEP-0368 §3', 'MUST', "The direct-TLS port starts TLS at once and offers no STARTTLS inside it"),
  'xep0368.tls.sni-certificate': rule('XEP-0368 §3', 'SHOULD', "With SNI naming a hosted domain, the server presents a certificate valid for that domain"),
  'xep0368.tls.alpn-xmpp-client': rule('XEP-0368 §3', 'SHOULD', "ALPN 'xmpp-client' on the direct-TLS port is accepted (selected or ignored, never refused)"),
  'rfc9325.tls.tls12-supported': rule('RFC 9325 §3.1.1', 'MUST', "TLS 1.2 is supported on every c2s port (TLS 1.3 support is recorded)"),
  'rfc8996.tls.legacy-versions-refused': rule('RFC 8996 §5', 'MUST NOT', 'TLS 1.1 (and §4: TLS 1.0) must not be negotiated: a completed handshake is a negotiation, even if its certificate is then rejected'),
  'rfc9325.tls.no-null-or-anonymous-suites': rule('RFC 9325 §4.1', 'MUST', "Suites without encryption (NULL) or without authentication (anonymous) are refused"),
  'rfc9325.tls.forward-secrecy': rule('RFC 9325 §4.1', 'SHOULD', "Static-RSA key transport (no forward secrecy) is refused"),
  'rfc6120.tls.certificate-identity': rule('RFC 6120 §13.7.2.1', 'MUST', "The certificate chains to a trusted root, is in date and names the domain"),
  'rfc6120.tls.certificate-strength': rule('RFC 6120 §13.7.1.2', 'none', "Certificate strength: key type and size, signature hash, remaining validity"),
  'xep0368.tls.srv-records': rule('XEP-0368 §3', 'none', "The _xmpp-client and _xmpps-client SRV records, and whether their targets accept connections"),
};
