/** The rule behind each tls check: the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const tlsRules: RuleTable = {
  'rfc6120.tls.starttls-required': rule('RFC 6120 §5.3.1', 'SHOULD', 'The cleartext stream offers STARTTLS marked <required/> and nothing that could be used before TLS'),
  'rfc6120.tls.no-auth-before-tls': rule('RFC 6120 §5.3.1', 'MUST', 'Where TLS is mandatory-to-negotiate, a SASL exchange or a stanza started before TLS is refused rather than carried on'),
  'rfc6120.tls.starttls-handshake': rule('RFC 6120 §5.4.2.3', 'MUST', '<starttls/> is answered with <proceed/>, a TLS handshake with a certificate we can verify follows, then a fresh stream'),
  'rfc6120.tls.no-starttls-after-tls': rule('RFC 6120 §5.4.3.3', 'MUST', 'Once TLS is in place STARTTLS is not advertised on the new stream, and a second <starttls/> is not accepted'),
  'xep0368.tls.direct-tls': rule('XEP-0368 §3', 'MUST', 'The direct-TLS port speaks TLS from the first byte and does not advertise STARTTLS inside it'),
  'xep0368.tls.sni-certificate': rule('XEP-0368 §3', 'SHOULD', 'A handshake whose SNI names a hosted domain is served a certificate valid for that domain'),
  'xep0368.tls.alpn-xmpp-client': rule('XEP-0368 §3', 'SHOULD', "Offering ALPN 'xmpp-client' on the direct-TLS port does not make the handshake fail"),
  'rfc9325.tls.tls12-supported': rule('RFC 9325 §3.1.1', 'MUST', 'Every c2s port completes a TLS 1.2 handshake (whether TLS 1.3 works is recorded too)'),
  'rfc8996.tls.legacy-versions-refused': rule('RFC 8996 §4, §5', 'MUST NOT', 'No port lets TLS 1.0 or TLS 1.1 be negotiated; a finished handshake counts as negotiated even if we distrust the certificate'),
  'rfc9325.tls.no-null-or-anonymous-suites': rule('RFC 9325 §4.1', 'MUST NOT', 'Suites that do not encrypt (NULL) are never negotiated; suites that authenticate nobody (anonymous) are refused with them'),
  'rfc9325.tls.forward-secrecy': rule('RFC 9325 §4.1', 'SHOULD NOT', 'Suites that transport the key with static RSA (no forward secrecy) are not negotiated'),
  'rfc6120.tls.certificate-identity': rule('RFC 6120 §13.7.2.1', 'MUST', 'The presented certificate leads to a trusted root, is within its validity dates and is issued for the XMPP domain'),
  'rfc6120.tls.certificate-strength': rule('RFC 6120 §13.7.1.2', 'none', 'Key type and size, signature hash and days of validity left are recorded, not judged'),
  'xep0368.tls.srv-records': rule('XEP-0368 §3', 'none', 'The _xmpp-client/_xmpps-client SRV records and whether their targets answer are recorded'),
};
