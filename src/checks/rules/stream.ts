/** The rule behind each stream check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

const RESTRICTED_CLOSE = 'Restricted XML (a comment, processing instruction, DTD or undeclared entity) ends the stream with some stream error';
const RESTRICTED_CONDITION = also('RFC 6120 §11.1', 'SHOULD', 'That stream error is expected to be <restricted-xml/> (the text admits that some servers answer <bad-format/>)');

export const streamRules: RuleTable = {
  'rfc6120.stream.header-from-id': rule('RFC 6120 §4.7.1, §4.7.3', 'MUST', "The server's reply header carries the domain we asked for as 'from' and a stream id that is never reused, also across restarts"),
  'rfc6120.stream.features': rule('RFC 6120 §4.3.2', 'MUST', 'Once a version 1.0 header is answered, a <stream:features/> element comes next (again after each restart)'),
  'rfc6120.stream.version-pre-1.0': rule('RFC 6120 §4.7.5', 'MUST', "A client asking for an older version never gets a reply header announcing a higher one", also('RFC 6120 §4.9.3.25', 'none', '<unsupported-version/> is the defined name for refusing a version; another condition is only recorded')),
  'rfc6120.stream.close-handshake': rule('RFC 6120 §4.4', 'none', 'Only the closing side is bound (it waits for the peer to close); that the peer answers with its own closing tag is assumed, not required'),
  'rfc6120.stream.header-before-error': rule('RFC 6120 §4.9.1.2', 'MUST', 'A header the server refuses still gets its own opening stream tag before the <stream:error/>'),
  'rfc6120.stream.error-header-from': rule('RFC 6120 §4.9.1.3, §4.7.1', 'MUST', "The header written before refusing an unknown domain is 'from' one of the server's own domains or empty, never the unknown one"),
  'rfc6120.stream.host-unknown': rule('RFC 6120 §4.7.1', 'MUST', "A stream addressed to a domain this server does not serve is never answered as that domain: a response header is 'from' one of the server's own domains (served as its own is recorded; refusing is the usual answer)", also('RFC 6120 §4.9.3.6', 'none', '<host-unknown/> is the defined name for a refused unknown domain; another condition is only recorded')),
  'rfc6120.stream.missing-to': rule('RFC 6120 §4.7.2', 'none', "Leaving 'to' out breaks a rule for the client; nothing binds the server to a particular answer, so what it does is recorded"),
  'rfc6120.stream.invalid-namespace': rule('RFC 6120 §4.8.1', 'MUST', 'A header in any namespace but http://etherx.jabber.org/streams closes the stream with a stream error', also('RFC 6120 §4.8.1', 'SHOULD', 'That stream error is expected to be <invalid-namespace/> (the text admits that some servers send <bad-format/>)')),
  'rfc6120.stream.content-namespace': rule('RFC 6120 §4.9.3.10', 'none', '<invalid-namespace/> also names an unsupported default namespace, but no sentence obliges the server to refuse such a header'),
  'rfc6120.stream.jabber-server-on-c2s': rule('RFC 6120 §4.8.3', 'none', "What the client port does with a 'jabber:server' header is recorded (a server knows both content namespaces)"),
  'rfc6120.stream.not-well-formed': rule('RFC 6120 §4.9.3.13', 'MUST', 'XML that is not well-formed (here: crossed tags) ends the stream with <not-well-formed/>'),
  'rfc6120.stream.restricted-xml-comment': rule('RFC 6120 §11.1', 'MUST', RESTRICTED_CLOSE, RESTRICTED_CONDITION),
  'rfc6120.stream.restricted-xml-processing-instruction': rule('RFC 6120 §11.1', 'MUST', RESTRICTED_CLOSE, RESTRICTED_CONDITION),
  'rfc6120.stream.restricted-xml-dtd': rule('RFC 6120 §11.1', 'MUST', RESTRICTED_CLOSE, RESTRICTED_CONDITION),
  'rfc6120.stream.restricted-xml-entity': rule('RFC 6120 §11.1', 'MUST', RESTRICTED_CLOSE, RESTRICTED_CONDITION),
  'rfc6120.stream.unsupported-stanza-type': rule('RFC 6120 §4.9.3.24', 'none', '<unsupported-stanza-type/> is the defined name for an unknown first-level element; no sentence makes the server send it'),
  'rfc6120.stream.error-closes-stream': rule('RFC 6120 §4.9.1.1', 'MUST', 'A stream error is fatal: the closing stream tag and the end of the TCP connection follow it'),
  'rfc6120.stream.stanza-before-auth': rule('RFC 6120 §4.9.3.12', 'MUST NOT', 'A stanza that arrives before authentication is not acted on (not routed) ahead of the stream error that refuses it', also('RFC 6120 §4.9.3.12', 'none', '<not-authorized/> is the defined name of that stream error; another condition is only recorded')),
  'rfc6120.stream.from-stamped': rule('RFC 6120 §8.1.2.1', 'MUST', "The server fills in the sender's full JID as 'from' on a client stanza that has none"),
  'rfc6120.stream.forged-from': rule('RFC 6120 §8.1.2.1', 'MUST', "A 'from' that is not the sender's own JID is replaced by the real one or answered with <invalid-from/>; it is never passed on"),
  'rfc6120.stream.whitespace-keepalive': rule('RFC 6120 §11.7', 'MUST', 'Whitespace between first-level elements is allowed to the client, and RFC 2119 §5 makes the server cope with an allowed option: the stream stays open and usable'),
};
