/** The rule behind each stream check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

export const streamRules: RuleTable = {
  'rfc6120.stream.header-from-id': rule('RFC 6120 §4.7.1', 'MUST', "The response header names the requested domain in 'from' and carries a fresh, unique 'id'"),
  'rfc6120.stream.features': rule('RFC 6120 §4.3.2', 'MUST', "A version 1.0 stream header is answered with stream features"),
  'rfc6120.stream.version-pre-1.0': rule('RFC 6120 §4.7.5', 'MUST', "The response header's version is the lower of the client's and the highest the server supports", also('RFC 6120 §4.9.3.25', 'none', 'unsupported-version is the condition defined for refusing a version')),
  'rfc6120.stream.close-handshake': rule('RFC 6120 §4.4', 'none', 'The party that closes waits for the other to close too; answering a closing tag is implied, without a keyword'),
  'rfc6120.stream.header-before-error': rule('RFC 6120 §4.9.1.2', 'MUST', "When the server refuses our header it still sends its own stream header before the error"),
  'rfc6120.stream.error-header-from': rule('RFC 6120 §4.9.1.3', 'SHOULD', "The header sent before refusing an unknown host is 'from' an authoritative domain or empty, not the unknown one"),
  'rfc6120.stream.host-unknown': rule('RFC 6120 §4.9.3.6', 'MUST', "A header whose 'to' names a domain the server does not host gets host-unknown"),
  'rfc6120.stream.missing-to': rule('RFC 6120 §4.7.2', 'SHOULD', "A header without 'to' is refused with a stream error (improper-addressing, or host-unknown for the unspecified host)"),
  'rfc6120.stream.invalid-namespace': rule('RFC 6120 §4.8.1', 'MUST', "A stream namespace other than http://etherx.jabber.org/streams gets invalid-namespace"),
  'rfc6120.stream.content-namespace': rule('RFC 6120 §4.9.3.10', 'none', 'invalid-namespace is the condition defined for an unsupported content namespace; no sentence requires refusing the header'),
  'rfc6120.stream.jabber-server-on-c2s': rule('RFC 6120 §4.8.3', 'none', "Records how the client port treats a 'jabber:server' stream (servers support both content namespaces)"),
  'rfc6120.stream.not-well-formed': rule('RFC 6120 §4.9.3.13', 'MUST', "Malformed XML (mismatched tags) gets not-well-formed"),
  'rfc6120.stream.restricted-xml-comment': rule('RFC 6120 §11.1', 'MUST', 'On receiving restricted XML (comment, PI, DTD, non-predefined entity) the entity closes the stream with a stream error', also('RFC 6120 §11.1', 'SHOULD', 'The condition of that stream error should be restricted-xml (bad-format is named as what some send)')),
  'rfc6120.stream.restricted-xml-processing-instruction': rule('RFC 6120 §11.1', 'MUST', 'On receiving restricted XML (comment, PI, DTD, non-predefined entity) the entity closes the stream with a stream error', also('RFC 6120 §11.1', 'SHOULD', 'The condition of that stream error should be restricted-xml (bad-format is named as what some send)')),
  'rfc6120.stream.restricted-xml-dtd': rule('RFC 6120 §11.1', 'MUST', 'On receiving restricted XML (comment, PI, DTD, non-predefined entity) the entity closes the stream with a stream error', also('RFC 6120 §11.1', 'SHOULD', 'The condition of that stream error should be restricted-xml (bad-format is named as what some send)')),
  'rfc6120.stream.restricted-xml-entity': rule('RFC 6120 §11.1', 'MUST', 'On receiving restricted XML (comment, PI, DTD, non-predefined entity) the entity closes the stream with a stream error', also('RFC 6120 §11.1', 'SHOULD', 'The condition of that stream error should be restricted-xml (bad-format is named as what some send)')),
  'rfc6120.stream.unsupported-stanza-type': rule('RFC 6120 §4.9.3.24', 'none', 'unsupported-stanza-type is the condition defined for an unknown first-level element; no sentence requires sending it'),
  'rfc6120.stream.error-closes-stream': rule('RFC 6120 §4.9.1.1', 'MUST', "A stream error is followed by the closing stream tag and the end of the TCP connection"),
  'rfc6120.stream.stanza-before-auth': rule('RFC 6120 §4.3.5', 'MUST', "A stanza sent before authentication is not routed and gets the not-authorized stream error"),
  'rfc6120.stream.from-stamped': rule('RFC 6120 §8.1.2.1', 'MUST', "A stanza without 'from' reaches its recipient stamped with the sender's full JID"),
  'rfc6120.stream.forged-from': rule('RFC 6120 §8.1.2.1', 'MUST', "A forged 'from' is overwritten with the sender's full JID or refused with invalid-from, never delivered"),
  'rfc6120.stream.whitespace-keepalive': rule('RFC 6120 §4.6.4', 'MUST', 'Whitespace between first-level elements is legal keepalive traffic: the stream stays open and the next request is answered'),
};
