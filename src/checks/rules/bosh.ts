/** Rules of the bosh area: XEP-0124 (BOSH) and XEP-0206 (XMPP over BOSH), in our own words. */
import { also, rule, type RuleTable } from './rule.js';

export const boshRules: RuleTable = {
  'xep0124.bosh.session-create': rule('XEP-0124 §7.2', 'MUST', "The reply to a session request names a session id unique to the connection manager, the longest hold time ('wait', no longer than the client asked) and the number of simultaneous requests allowed ('requests'); a 'hold' it gives is never above the client's, a polling client's 0 included"),
  'xep0124.bosh.session-create-details': rule('XEP-0124 §7.2', 'SHOULD', "That reply is expected to add the protocol version it speaks ('ver'), the shortest polling interval, the longest inactivity period, the hold it grants and the backend's identity ('from')"),
  'xep0124.bosh.content-type': rule('XEP-0124 §7.1', 'MUST', "When the session request names no 'content' type, every response of the session is sent as text/xml in UTF-8"),
  'xep0124.bosh.rid-window': rule('XEP-0124 §14.2', 'MUST', "A request id above the window of expected ones (as wide as the allowed simultaneous requests) makes the connection manager end the session with an error", also('XEP-0124 §17.1', 'SHOULD NOT', 'A connection manager that gave a version, talking to a client that gave one, reports such errors as terminal binding conditions in a 200 response (item-not-found here, §17.2), not as HTTP error codes')),
  'xep0124.bosh.polling-interval': rule('XEP-0124 §12', 'SHOULD', "Two empty new requests closer together than the session's shortest polling interval, the first answered without payload, make the connection manager end the session with policy-violation (§11 says the same of overactive clients)"),
  'xep0124.bosh.terminate': rule('XEP-0124 §13', 'SHOULD', "A termination request is acknowledged with a 200 response holding a <body/> (type 'terminate' on the oldest open request), and the session ends"),
  'xep0206.bosh.version-features': rule('XEP-0206 §4', 'SHOULD', 'The XMPP version (an attribute in the urn:xmpp:xbosh namespace) and the stream features come in the session creation response, or in a later response as soon as the server has them'),
  'xep0206.bosh.stream-namespace': rule('XEP-0206 §2', 'MUST', 'A <body/> that carries <stream:features/> declares the stream namespace prefix (xmlns:stream) on itself'),
  'xep0206.bosh.restart': rule('XEP-0206 §5', 'MUST', 'On a restart request after SASL success the connection manager opens a new stream to the server and passes the features of that stream on to the client'),
  'xep0206.bosh.restartlogic': rule('XEP-0206 §4', 'MUST', "A connection manager that supports stream restarts advertises it with restartlogic='true' (urn:xmpp:xbosh) in the creation response"),
};
