/** Rules of the websocket area: RFC 7395 (XMPP over WebSocket), the section, its keyword and what it asks, in our words. */
import { rule, type RuleTable } from './rule.js';

export const websocketRules: RuleTable = {
  'rfc7395.websocket.subprotocol': rule('RFC 7395 §3.1', 'MUST', "For the connection to be an XMPP one, the server's handshake answer names 'xmpp' as its subprotocol"),
  'rfc7395.websocket.without-subprotocol': rule('RFC 7395 §3.1', 'none', "Offering 'xmpp' is the client's duty; what the server does with an upgrade that offers nothing is not prescribed, so it is recorded"),
  'rfc7395.websocket.open-response': rule('RFC 7395 §3.4', 'MUST', "The server answers the client's framed <open/> with an <open/> of its own carrying the RFC 6120 §4.7 header attributes (here: from, id, version 1.0), features following"),
  'rfc7395.websocket.frames': rule('RFC 7395 §3.2, §3.3.3', 'MUST', 'Messages are text, and each one is a single element that parses on its own, every namespace it needs declared inside it'),
  'rfc7395.websocket.xml-declaration': rule('RFC 7395 §3.3.3', 'SHOULD NOT', 'A message does not begin with an XML declaration (the encoding is UTF-8 already; it only adds bytes)'),
  'rfc7395.websocket.no-starttls': rule('RFC 7395 §3.9', 'MUST NOT', 'TLS belongs to the WebSocket layer (wss), so the stream features over WebSocket never advertise STARTTLS'),
  'rfc7395.websocket.restart': rule('RFC 7395 §3.7, §3.4', 'MUST', 'When RFC 6120 calls for a restart (after SASL), the streams start afresh on the same WebSocket: the new <open/> is answered as in §3.4, with an <open/> and then features'),
  'rfc7395.websocket.header-namespace': rule('RFC 7395 §3.3.2', 'MUST', 'A stream header (<open/>, <close/>) outside the framing namespace makes the receiver close the stream with the <invalid-namespace/> stream error'),
  'rfc7395.websocket.stream-error': rule('RFC 7395 §3.5', 'MUST', 'A stream error is sent as one whole element in a message of its own, after the <open/> when it happens at the opening, and the server then closes as §3.6 describes (<close/>, then the WebSocket)'),
  'rfc7395.websocket.close': rule('RFC 7395 §3.6', 'none', 'Closing follows RFC 6120 §4.4 with <close/> in place of the closing tag; that rule binds the side that closes first, so the answer to our <close/> is recorded'),
};
