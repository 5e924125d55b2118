/** The rule behind each sasl check: the section, its keyword and what it asks, in our words. */
import { also, rule, type RuleTable } from './rule.js';

const CAUSE_NAMED = 'A SASL exchange the server rejects ends in <failure/> whose child says why; never <success/>, never silence';
const generic = (section: string, condition: string) =>
  also(section, 'none', `<${condition}/> is the defined name for this case; the generic <not-authorized/> or another defined condition is only recorded`);

export const saslRules: RuleTable = {
  'rfc6120.sasl.mechanisms-offered': rule('RFC 6120 §6.4.1', 'MUST', 'The features after TLS list at least one SASL mechanism, and logging in through one of them works'),
  'rfc4616.sasl.no-plain-before-tls': rule('RFC 4616 §5', 'SHOULD NOT', 'Without a security layer such as TLS, PLAIN is by default neither advertised nor accepted'),
  'rfc6120.sasl.scram-sha-1': rule('RFC 6120 §13.8', 'MUST', 'SCRAM-SHA-1 is one of the mechanisms every server implements: it is offered after TLS and a login with it succeeds'),
  'rfc6120.sasl.scram-sha-1-plus-offered': rule('RFC 6120 §13.8', 'MUST', 'SCRAM-SHA-1-PLUS is also mandatory to implement, so a TLS stream offers it'),
  'rfc5802.sasl.scram-server-signature': rule('RFC 5802 §5', 'MUST', "In SCRAM the server's nonce begins with ours and its final message proves, with a correct v=, that it knows the password"),
  'rfc5802.sasl.scram-plus-binding': rule('RFC 5802 §6', 'MUST', 'SCRAM-SHA-1-PLUS accepts the real TLS channel binding and rejects an altered one'),
  'rfc9266.sasl.plus-on-tls13': rule('RFC 9266 §3', 'none', 'On TLS 1.3 the usable binding is tls-exporter; whether -PLUS is offered there without it is recorded (no sentence forbids it)'),
  'rfc5802.sasl.gs2-downgrade-detected': rule('RFC 5802 §6', 'MUST', "A client that sets the gs2 'y' flag to a server offering -PLUS is refused: the flag reveals a stripped mechanism list"),
  'rfc6120.sasl.wrong-password': rule('RFC 6120 §6.4.5', 'MUST', 'A wrong password ends the exchange in <failure><not-authorized/></failure> and the stream goes on'),
  'rfc6120.sasl.retry-limit': rule('RFC 6120 §6.4.5', 'SHOULD', 'After failed logins the server lets the client try again a few times (2 to 5) before it closes the stream'),
  'rfc6120.sasl.invalid-authzid': rule('RFC 6120 §6.5.6', 'none', '<invalid-authzid/> is the defined name for an authzid the credentials cannot act for; RFC 4616 §2 describes the check without a keyword'),
  'rfc6120.sasl.invalid-mechanism': rule('RFC 6120 §6.4.5', 'MUST', CAUSE_NAMED, generic('RFC 6120 §6.5.7', 'invalid-mechanism')),
  'rfc6120.sasl.incorrect-encoding': rule('RFC 6120 §6.4.5', 'MUST', CAUSE_NAMED, generic('RFC 6120 §6.5.5', 'incorrect-encoding')),
  'rfc6120.sasl.malformed-request': rule('RFC 6120 §6.4.5', 'MUST', CAUSE_NAMED, generic('RFC 6120 §6.5.8', 'malformed-request')),
  'rfc6120.sasl.abort': rule('RFC 6120 §6.4.4', 'MUST', 'An <abort/> sent halfway through an exchange is answered with <failure><aborted/></failure>'),
  'rfc6120.sasl.restart-after-success': rule('RFC 6120 §6.4.6', 'MUST', 'After <success/> the restarted stream gets a new id, offers resource binding and does not offer SASL again'),
};
