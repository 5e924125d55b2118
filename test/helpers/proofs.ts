/**
 * Where every catalogue check is proven both ways: a subtest in which it passes (on a lab server, a
 * variant, or a fake conformant in exactly that respect) and one in which it fails (warns, for a
 * SHOULD) on a server breaking exactly that rule. INFO checks only record; they name where they do.
 * test/unit/checks/proofs.test.ts keeps this table complete and pointing at real subtests; a site
 * on the lab baseline is also held to the pinned verdict (baseline-verdicts.ts).
 */
import type { ServerKind } from '../../src/lab/types.js';

export interface ProofSite {
  /** The test file, from the repository root. */
  file: string;
  /** The subtest that asserts the verdict; `${…}` parts of a templated name match any text. */
  test: string;
  /** The site is the whole-catalogue baseline run: the verdict is the one pinned for this server. */
  pinned?: Extract<ServerKind, 'prosody' | 'ejabberd'>;
}

export type CheckProofs =
  | { pass: ProofSite; fail: ProofSite }
  /** INFO by design (no keyword sentence backs a verdict): where it records what it saw; docs/checks.md says so. */
  | { records: ProofSite };

const VARIANTS_PROSODY = 'test/integration/checks-variants-prosody.test.ts';
const VARIANTS_EJABBERD = 'test/integration/checks-variants-ejabberd.test.ts';
const BASELINE = 'baseline: every verdict is the pinned one; every fail is a listed deviation';
const at = (file: string, test: string): ProofSite => ({ file, test });
const P: ProofSite = { file: VARIANTS_PROSODY, test: BASELINE, pinned: 'prosody' };
const E: ProofSite = { file: VARIANTS_EJABBERD, test: BASELINE, pinned: 'ejabberd' };
const variant = (name: string) => at(VARIANTS_PROSODY, `${name}: exactly the responsible checks change`);

const STREAM = 'test/unit/checks/stream-fake.test.ts';
const stream = (test: string) => at(STREAM, test);
const RESTRICTED = stream('restricted-xml-*: restricted-xml passes, another condition warns, no stream error fails');

const SASL = 'test/unit/checks/sasl-checks.test.ts';
const saslFine = (id: string) => at(SASL, `${id} on the well-behaved fake`);
const saslQuirk = (id: string, quirk: string) => at(SASL, `${id} notices ${quirk}`);
const TLS_BOTH_WAYS = at(SASL, 'TLS 1.2 support and the certificate: both ways');
const NULL_SUITES = at(SASL, 'NULL-encryption and anonymous suites: refused passes, accepted fails (RFC check and security profile)');

const C2S = 'test/unit/checks/c2s-fake-proofs.test.ts';
const c2s = (id: string, verdict: string, quirk: string) => at(C2S, `${id}: passes on the well-behaved fake, ${verdict}s on the fake with ${quirk}`);

const world = (file: string, area: string) => at(`test/unit/checks/${file}`, `every ${area} check passes on the conformant fake`);
const fault = (file: string, id: string, name: string) => at(`test/unit/checks/${file}`, `${id} catches the fake fault '${name}'`);
const WS = 'test/unit/checks/websocket-fake.test.ts';
const WS_FINE = at(WS, 'every websocket check passes on the conformant fake');
const ws = (id: string, fault: string): CheckProofs => ({ pass: WS_FINE, fail: at(WS, `${id} gets its violation verdict on the fake with ${fault}, and no other check changes`) });
/** The websocket area through the CLI on lab Prosody (checks-websocket.test.ts), verdicts pinned. */
const WS_PROSODY: ProofSite = { file: 'test/integration/checks-websocket.test.ts', test: 'websocket checks on prosody through the CLI: every verdict is the pinned one', pinned: 'prosody' };
const IQ_FINE = world('iq-checks.test.ts', 'IQ');
const ROSTER_FINE = world('roster-checks.test.ts', 'roster');
const PRESENCE_FINE = world('presence-checks.test.ts', 'presence');
const iq = (id: string, name: string): CheckProofs => ({ pass: IQ_FINE, fail: fault('iq-checks.test.ts', id, name) });
const roster = (id: string, name: string): CheckProofs => ({ pass: ROSTER_FINE, fail: fault('roster-checks.test.ts', id, name) });
const presence = (id: string, name: string): CheckProofs => ({ pass: PRESENCE_FINE, fail: fault('presence-checks.test.ts', id, name) });

/** message-fake-world.ts's testFineAndBroken: one subtest shows the well-behaved verdict, then the violation. */
const fineAndBroken = (file: string, id: string, quirk: string): CheckProofs => {
  const site = at(`test/unit/checks/${file}`, `${id}: the well-behaved fake, then the fake with ${quirk}`);
  return { pass: site, fail: site };
};
const message = (id: string, quirk: string) => fineAndBroken('message-checks.test.ts', id, quirk);
const offline = (id: string, quirk: string) => fineAndBroken('offline-checks.test.ts', id, quirk);

const REGISTER = 'test/unit/checks/register-checks.test.ts';
const register = (id: string, quirk: string): CheckProofs => ({ pass: at(REGISTER, `${id} passes on the well-behaved fake`), fail: at(REGISTER, `${id} notices ${quirk}`) });

const S2S_STREAM = 'test/unit/checks/s2s-stream-fake.test.ts';
const S2S_TLS = 'test/unit/checks/s2s-tls-fake.test.ts';
const UPLOAD = 'test/unit/checks/upload-discovery-checks.test.ts';
const UPLOAD_FINE = at(UPLOAD, 'every discovery and upload check passes on the conformant fake');
const HTTP_LABS = 'discovery and upload: the pinned verdicts on lab Prosody and lab ejabberd, from the outside with one given account';
const HP: ProofSite = { file: 'test/integration/checks-upload-discovery.test.ts', test: HTTP_LABS, pinned: 'prosody' };
const HE: ProofSite = { ...HP, pinned: 'ejabberd' };
const http = (id: string, fault: string, pass: ProofSite = HP): CheckProofs => ({ pass, fail: at(UPLOAD, `${id} catches the fake fault '${fault}'`) });
const BOSH = 'test/integration/checks-bosh.test.ts';
/** Passing on a lab server (ejabberd unless said) through the CLI; failing on the fake BOSH server with one fault. */
const bosh = (passOn: 'prosody' | 'ejabberd' = 'ejabberd'): CheckProofs => ({
  pass: at(BOSH, `bosh checks on lab ${passOn}, through the CLI with --bosh-url`),
  fail: at(BOSH, 'each broken rule is caught by its check, and only by it'),
});

const DIALBACK_UNANSWERED = at(S2S_TLS, 'dialback offered (feature and namespace) but our key never answered: verifies-key, valid-result and invalid-result fail');

export const PROOFS: Record<string, CheckProofs> = {
  // A. Stream
  'rfc6120.stream.header-from-id': { pass: P, fail: stream("header-from-id: the requested domain and fresh ids pass; another 'from' or a reused id fails") },
  'rfc6120.stream.features': { pass: P, fail: stream('features: a version 1.0 header answered with features passes; a header without features fails') },
  'rfc6120.stream.version-pre-1.0': { pass: E, fail: P },
  'rfc6120.stream.close-handshake': { records: stream('close-handshake records both a polite close and a deaf server (no keyword: info)') },
  'rfc6120.stream.header-before-error': { pass: P, fail: stream('header-before-error: an error without a header fails') },
  'rfc6120.stream.error-header-from': { pass: stream('error-header-from: empty from passes, the unknown domain fails'), fail: P },
  'rfc6120.stream.host-unknown': { pass: P, fail: stream('rfc6120.stream.host-unknown: <host-unknown/> passes, serving the stream as the unknown domain fails, as its own domain is recorded') },
  'rfc6120.stream.missing-to': { records: stream('missing-to: no server keyword (§4.7.2 binds the client), so refusing and accepting are both recorded as info') },
  'rfc6120.stream.invalid-namespace': { pass: P, fail: stream('rfc6120.stream.invalid-namespace: <invalid-namespace/> passes, another condition warns, accepting the header fails') },
  'rfc6120.stream.content-namespace': { records: stream('content-namespace records both a refusal and an acceptance (no keyword backs a verdict)') },
  'rfc6120.stream.jabber-server-on-c2s': { records: P },
  'rfc6120.stream.not-well-formed': { pass: P, fail: stream('not-well-formed: bad-format is the allowed generic; xml-not-well-formed only under rfc3920') },
  'rfc6120.stream.restricted-xml-comment': { pass: RESTRICTED, fail: E },
  'rfc6120.stream.restricted-xml-processing-instruction': { pass: RESTRICTED, fail: E },
  'rfc6120.stream.restricted-xml-dtd': { pass: P, fail: RESTRICTED },
  'rfc6120.stream.restricted-xml-entity': { pass: P, fail: RESTRICTED },
  'rfc6120.stream.unsupported-stanza-type': { records: P },
  'rfc6120.stream.error-closes-stream': { pass: P, fail: stream('error-closes-stream: a server that never closes after a stream error fails') },
  'rfc6120.stream.stanza-before-auth': { pass: E, fail: P },
  'rfc6120.stream.from-stamped': { pass: P, fail: c2s('rfc6120.stream.from-stamped', 'fail', 'no-from-stamp') },
  'rfc6120.stream.forged-from': { pass: P, fail: c2s('rfc6120.stream.forged-from', 'fail', 'keep-forged-from') },
  'rfc6120.stream.whitespace-keepalive': { pass: P, fail: saslQuirk('rfc6120.stream.whitespace-keepalive', 'mute-after-whitespace') },
  // B. TLS
  'rfc6120.tls.starttls-required': { pass: P, fail: variant('plain-before-tls') },
  'rfc6120.tls.no-auth-before-tls': { pass: P, fail: saslQuirk('rfc6120.tls.no-auth-before-tls', 'cleartext-plain') },
  'rfc6120.tls.starttls-handshake': { pass: P, fail: at(SASL, 'rfc6120.tls.starttls-handshake: passes on the well-behaved fake, fails on the FAKE that answers <proceed/> and then no TLS handshake') },
  'rfc6120.tls.no-starttls-after-tls': { pass: P, fail: saslQuirk('rfc6120.tls.no-starttls-after-tls', 'starttls-again') },
  'xep0368.tls.direct-tls': { pass: P, fail: c2s('xep0368.tls.direct-tls', 'fail', 'direct-starttls-inside') },
  'xep0368.tls.sni-certificate': { pass: P, fail: c2s('xep0368.tls.sni-certificate', 'warn', 'sni-wrong-certificate') },
  'xep0368.tls.alpn-xmpp-client': { pass: P, fail: c2s('xep0368.tls.alpn-xmpp-client', 'warn', 'refuse-alpn') },
  'rfc9325.tls.tls12-supported': { pass: P, fail: TLS_BOTH_WAYS },
  'rfc8996.tls.legacy-versions-refused': { pass: P, fail: variant('tls-legacy') },
  'rfc9325.tls.no-null-or-anonymous-suites': { pass: P, fail: NULL_SUITES },
  'rfc9325.tls.forward-secrecy': { pass: P, fail: E },
  'rfc6120.tls.certificate-identity': { pass: P, fail: TLS_BOTH_WAYS },
  'rfc6120.tls.certificate-strength': { records: P },
  'xep0368.tls.srv-records': { records: P },
  // C. SASL
  'rfc6120.sasl.mechanisms-offered': { pass: P, fail: saslQuirk('rfc6120.sasl.mechanisms-offered', 'no-mechanisms') },
  'rfc4616.sasl.no-plain-before-tls': { pass: P, fail: variant('plain-before-tls') },
  'rfc6120.sasl.scram-sha-1': { pass: P, fail: saslQuirk('rfc6120.sasl.scram-sha-1', 'no-scram-sha-1') },
  'rfc6120.sasl.scram-sha-1-plus-offered': { pass: P, fail: saslQuirk('rfc6120.sasl.scram-sha-1-plus-offered', 'no-scram-plus') },
  'rfc5802.sasl.scram-server-signature': { pass: P, fail: saslQuirk('rfc5802.sasl.scram-server-signature', 'forge-signature') },
  'rfc5802.sasl.scram-plus-binding': { pass: P, fail: saslQuirk('rfc5802.sasl.scram-plus-binding', 'ignore-binding') },
  'rfc9266.sasl.plus-on-tls13': { records: P },
  'rfc5802.sasl.gs2-downgrade-detected': { pass: P, fail: E },
  'rfc6120.sasl.wrong-password': { pass: P, fail: saslQuirk('rfc6120.sasl.wrong-password', 'accept-any-password') },
  'rfc6120.sasl.retry-limit': { pass: saslFine('rfc6120.sasl.retry-limit'), fail: P },
  'rfc6120.sasl.invalid-authzid': { records: saslQuirk('rfc6120.sasl.invalid-authzid', 'ignore-authzid') },
  'rfc6120.sasl.invalid-mechanism': { pass: P, fail: saslQuirk('rfc6120.sasl.invalid-mechanism', 'accept-unknown-mechanism') },
  'rfc6120.sasl.incorrect-encoding': { pass: P, fail: saslQuirk('rfc6120.sasl.incorrect-encoding', 'succeed-on-garbage') },
  'rfc6120.sasl.malformed-request': { pass: P, fail: saslQuirk('rfc6120.sasl.malformed-request', 'succeed-on-garbage') },
  'rfc6120.sasl.abort': { pass: P, fail: saslQuirk('rfc6120.sasl.abort', 'silent-abort') },
  'rfc6120.sasl.restart-after-success': { pass: P, fail: saslQuirk('rfc6120.sasl.restart-after-success', 'mechanisms-after-success') },
  // D. Binding
  'rfc6120.bind.server-generated': { pass: P, fail: saslQuirk('rfc6120.bind.server-generated', 'bind-without-resource') },
  'rfc6120.bind.client-resource': { pass: P, fail: saslQuirk('rfc6120.bind.client-resource', 'bind-without-resource') },
  'rfc6120.bind.resource-too-long': { pass: E, fail: saslQuirk('rfc6120.bind.resource-too-long', 'bind-long-resource') },
  // EITHER: a single policy is recorded (info); two live sessions on one full JID fail.
  'rfc6120.bind.resource-conflict': { pass: saslFine('rfc6120.bind.resource-conflict'), fail: saslQuirk('rfc6120.bind.resource-conflict', 'duplicate-bind') },
  'rfc3921.bind.legacy-session': { pass: P, fail: c2s('rfc3921.bind.legacy-session', 'fail', 'refuse-session') },
  // E. IQ
  'rfc6120.iq.one-reply-per-request': iq('rfc6120.iq.one-reply-per-request', 'double-reply'),
  'rfc6120.iq.payload-count': { records: fault('iq-checks.test.ts', 'rfc6120.iq.payload-count', 'accept-bad-payload') },
  'rfc6120.iq.invalid-type': { records: fault('iq-checks.test.ts', 'rfc6120.iq.invalid-type', 'accept-bad-type') },
  'rfc6120.iq.no-to-handled-for-account': iq('rfc6120.iq.no-to-handled-for-account', 'no-to-ignored'),
  'rfc6120.iq.unknown-namespace': iq('rfc6120.iq.unknown-namespace', 'unknown-ns-result'),
  'rfc6120.iq.error-syntax': iq('rfc6120.iq.error-syntax', 'error-two-conditions'),
  'rfc6120.iq.no-reply-to-response': iq('rfc6120.iq.no-reply-to-response', 'answer-responses'),
  'rfc6120.iq.jid-malformed': { pass: P, fail: fault('iq-checks.test.ts', 'rfc6120.iq.jid-malformed', 'malformed-to-result') },
  'rfc6121.iq.no-such-user': { pass: P, fail: E },
  'rfc6121.iq.offline-resource': iq('rfc6121.iq.offline-resource', 'offline-resource-not-found'),
  // F. Roster
  'rfc6121.roster.get': roster('rfc6121.roster.get', 'roster-get-error'),
  'rfc6121.roster.get-with-items': { records: P },
  'rfc6121.roster.push-on-set': roster('rfc6121.roster.push-on-set', 'push-sender-only'),
  'rfc6121.roster.push-syntax': roster('rfc6121.roster.push-syntax', 'push-from-full'),
  'rfc6121.roster.set-bad-request': { pass: E, fail: P },
  'rfc6121.roster.set-empty-group': { pass: ROSTER_FINE, fail: P },
  'rfc6121.roster.set-other-user-forbidden': roster('rfc6121.roster.set-other-user-forbidden', 'other-user-set-stored'),
  'rfc6121.roster.client-state-ignored': roster('rfc6121.roster.client-state-ignored', 'store-client-state'),
  'rfc6121.roster.remove-unknown': roster('rfc6121.roster.remove-unknown', 'remove-unknown-ok'),
  'rfc6121.roster.remove-push': roster('rfc6121.roster.remove-push', 'remove-push-none'),
  'rfc6121.roster.remove-cancels-subscriptions': roster('rfc6121.roster.remove-cancels-subscriptions', 'remove-keeps-subscriptions'),
  'rfc6121.roster.ver-feature': roster('rfc6121.roster.ver-feature', 'no-rosterver-feature'),
  'rfc6121.roster.ver-sync': roster('rfc6121.roster.ver-sync', 'ver-static'),
  // G. Presence
  'rfc6121.presence.initial-broadcast': presence('rfc6121.presence.initial-broadcast', 'no-self-echo'),
  'rfc6121.presence.subsequent-broadcast': presence('rfc6121.presence.subsequent-broadcast', 'strip-extensions'),
  'rfc6121.presence.contact-presence-on-login': presence('rfc6121.presence.contact-presence-on-login', 'no-probe'),
  'rfc6121.presence.unavailable-broadcast': presence('rfc6121.presence.unavailable-broadcast', 'no-unavailable-broadcast'),
  'rfc6121.presence.ungraceful-unavailable': presence('rfc6121.presence.ungraceful-unavailable', 'no-ungraceful-unavailable'),
  'rfc6121.presence.subscribe-outbound': presence('rfc6121.presence.subscribe-outbound', 'subscribe-from-full'),
  'rfc6121.presence.subscribe-offline-stored': presence('rfc6121.presence.subscribe-offline-stored', 'strip-stored'),
  'rfc6121.presence.subscribe-auto-reply': presence('rfc6121.presence.subscribe-auto-reply', 'no-auto-reply'),
  'rfc6121.presence.approval': presence('rfc6121.presence.approval', 'push-before-subscribed'),
  'rfc6121.presence.unsubscribed-cancels': presence('rfc6121.presence.unsubscribed-cancels', 'unsubscribed-first'),
  'rfc6121.presence.unsubscribe': presence('rfc6121.presence.unsubscribe', 'no-unavailable-on-unsubscribe'),
  'rfc6121.presence.state-table-ignored': presence('rfc6121.presence.state-table-ignored', 'deliver-ignored'),
  'rfc6121.presence.pre-approval': presence('rfc6121.presence.pre-approval', 'route-preapproval'),
  'rfc6121.roster.approved-attribute': roster('rfc6121.roster.approved-attribute', 'no-approved-attr'),
  'rfc6121.presence.directed': presence('rfc6121.presence.directed', 'directed-in-broadcast'),
  'rfc6121.presence.negative-priority': presence('rfc6121.presence.negative-priority', 'negative-no-presence'),
  'rfc6121.presence.to-missing-user-ignored': presence('rfc6121.presence.to-missing-user-ignored', 'bounce-missing-user'),
  // H. Messages (EITHER checks record their branch as info on the well-behaved fake)
  'rfc6121.message.bare-chat': message('rfc6121.message.bare-chat', 'rewrite-to'),
  'rfc6121.message.bare-normal': message('rfc6121.message.bare-normal', 'rewrite-to'),
  'rfc6121.message.negative-priority': message('rfc6121.message.negative-priority', 'to-negative'),
  'rfc6121.message.bare-headline': message('rfc6121.message.bare-headline', 'headline-to-one'),
  'rfc6121.message.bare-groupchat': message('rfc6121.message.bare-groupchat', 'groupchat-delivered'),
  'rfc6121.message.bare-error-ignored': message('rfc6121.message.bare-error-ignored', 'error-answered'),
  'rfc6121.message.only-negative-priority': message('rfc6121.message.only-negative-priority', 'to-negative'),
  'rfc6121.message.full-jid': message('rfc6121.message.full-jid', 'full-to-bare'),
  'rfc6121.message.unknown-resource-chat': message('rfc6121.message.unknown-resource-chat', 'unknown-resource-dropped'),
  'rfc6121.message.unknown-resource-other-types': {
    pass: at('test/unit/checks/message-checks.test.ts', 'unknown-resource-other-types: refused by the fake; rerouting is accepted only under rfc3920'),
    fail: P,
  },
  'rfc6121.message.no-such-user': message('rfc6121.message.no-such-user', 'missing-user-item-not-found'),
  'rfc6120.message.no-to': message('rfc6120.message.no-to', 'no-to-dropped'),
  'rfc6120.message.remote-server-not-found': message('rfc6120.message.remote-server-not-found', 'remote-timeout'),
  'rfc6120.message.in-order': message('rfc6120.message.in-order', 'reorder'),
  // I. Offline
  'rfc6121.offline.store-or-refuse': offline('rfc6121.offline.store-or-refuse', 'lose-offline'),
  'xep0160.offline.unstored-types': offline('xep0160.offline.unstored-types', 'store-everything'),
  'xep0160.offline.chat-state-only': offline('xep0160.offline.chat-state-only', 'store-everything'),
  'xep0160.offline.flush-on-presence': offline('xep0160.offline.flush-on-presence', 'flush-at-bind'),
  'xep0160.offline.negative-priority-held': offline('xep0160.offline.negative-priority-held', 'flush-to-negative'),
  'rfc6120.offline.order-once': offline('rfc6120.offline.order-once', 'flush-twice'),
  'xep0160.offline.delay-present': offline('xep0160.offline.delay-present', 'no-delay'),
  'xep0203.offline.delay-stamp': offline('xep0203.offline.delay-stamp', 'local-time-stamp'),
  'xep0203.offline.forged-delay': offline('xep0203.offline.forged-delay', 'keep-forged-delay'),
  'xep0160.offline.disco-feature': offline('xep0160.offline.disco-feature', 'no-msgoffline'),
  // J. Registration
  'xep0077.register.before-tls': register('xep0077.register.before-tls', 'form-before-tls'),
  'xep0077.register.fields': register('xep0077.register.fields', 'ibr-off-stream-error'),
  'xep0077.register.missing-field': register('xep0077.register.missing-field', 'missing-accepted'),
  'xep0077.register.empty-password': register('xep0077.register.empty-password', 'empty-accepted'),
  'xep0077.register.conflict': { records: at(REGISTER, 'xep0077.register.conflict notices overwrite') },
  'xep0077.register.success': { records: at(REGISTER, 'xep0077.register.success notices result-without-account') },
  'xep0077.register.cancel': register('xep0077.register.cancel', 'remove-ignored'),
  'xep0077.register.cancel-not-alone': { records: P },
  'xep0077.register.empty-password-change': register('xep0077.register.empty-password-change', 'empty-password-change'),
  // K. Server to server
  // INFO: recorded on Prosody (accepted) and ejabberd (refused with <invalid-namespace/>).
  'rfc6120.s2s.invalid-namespace': { records: P },
  'rfc6120.s2s.host-unknown': { pass: P, fail: at(S2S_STREAM, 'rfc6120.s2s.host-unknown: <host-unknown/> passes, serving a stream to a stranger domain as that domain fails') },
  'rfc6120.s2s.starttls-offered': { pass: P, fail: at(S2S_STREAM, 'rfc6120.s2s.starttls-offered: passes when the s2s features offer STARTTLS, fails when they do not') },
  'rfc6120.s2s.tls-before-dialback': {
    pass: P,
    fail: at('test/unit/checks/s2s-dialback-before-tls-fake.test.ts', 'tls-before-dialback fails on a server that accepts a verified dialback key before TLS'),
  },
  'xep0220.s2s.dialback-feature': { records: P },
  'rfc6120.s2s.stanza-before-auth': { pass: E, fail: P },
  'xep0220.s2s.verifies-key': { pass: P, fail: DIALBACK_UNANSWERED },
  'xep0220.s2s.valid-result': { pass: P, fail: DIALBACK_UNANSWERED },
  'xep0220.s2s.invalid-result': { pass: P, fail: DIALBACK_UNANSWERED },
  'xep0220.s2s.unknown-target-domain': { pass: E, fail: at(S2S_TLS, 'xep0220.s2s.unknown-target-domain: a dialback error passes; closing the stream fails') },
  'xep0220.s2s.verify-answers': {
    pass: P,
    fail: at(C2S, 'xep0220.s2s.verify-answers: a server offering dialback that leaves our db:verify unanswered fails (FAKE c2s plus s2s out, FAKE s2s in)'),
  },
  'xep0220.s2s.initiator-bounces-after-invalid': {
    pass: P,
    fail: at(C2S, 'xep0220.s2s.initiator-bounces-after-invalid: bounced after invalid passes; dropped fails (FAKE c2s plus s2s out)'),
  },
  'rfc6120.s2s.improper-addressing': { pass: E, fail: P },
  'rfc6120.s2s.invalid-from': { pass: E, fail: P },
  'rfc6121.s2s.iq-missing-user': { pass: P, fail: at(S2S_TLS, 'rfc6121.s2s.iq-missing-user: service-unavailable back over s2s passes; another condition fails') },
  'rfc6121.s2s.subscription': { pass: P, fail: at(C2S, 'rfc6121.s2s.subscription: a request never routed to the remote domain fails, as does one leaving with a full JID (FAKE c2s plus s2s out)') },
  'xep0160.s2s.offline-from-remote': { pass: P, fail: variant('no-offline') },
  'xep0178.s2s.external-needs-matching-certificate': {
    pass: P,
    fail: at(S2S_TLS, 'xep0178.s2s.external-needs-matching-certificate: withheld for a mismatch passes; granted warns'),
  },
  // Security profile
  'gauntlet.security.cleartext-password-refused': { pass: P, fail: variant('plain-before-tls') },
  'gauntlet.security.tls-legacy-versions-refused': { pass: P, fail: variant('tls-legacy') },
  'gauntlet.security.null-anonymous-suites-refused': { pass: P, fail: NULL_SUITES },
  'gauntlet.security.authzid-impersonation': { pass: P, fail: E },
  // RFC 7395 (websocket)
  'rfc7395.websocket.subprotocol': ws('rfc7395.websocket.subprotocol', 'no-subprotocol'),
  'rfc7395.websocket.without-subprotocol': { records: WS_PROSODY },
  'rfc7395.websocket.open-response': ws('rfc7395.websocket.open-response', 'open-without-id'),
  'rfc7395.websocket.frames': ws('rfc7395.websocket.frames', 'whitespace-before-close'),
  'rfc7395.websocket.xml-declaration': ws('rfc7395.websocket.xml-declaration', 'xml-declaration'),
  'rfc7395.websocket.no-starttls': ws('rfc7395.websocket.no-starttls', 'starttls-offered'),
  'rfc7395.websocket.restart': ws('rfc7395.websocket.restart', 'no-restart'),
  'rfc7395.websocket.header-namespace': ws('rfc7395.websocket.header-namespace', 'accepts-wrong-namespace'),
  'rfc7395.websocket.stream-error': ws('rfc7395.websocket.stream-error', 'error-without-close'),
  'rfc7395.websocket.close': { records: WS_PROSODY },
  // Discovery (XEP-0156) and upload (XEP-0363): pass on lab Prosody (pinned, and run from the outside
  // with ejabberd in checks-upload-discovery.test.ts), fail on the FAKE upload deployment breaking one rule.
  'xep0156.discovery.xrd': http('xep0156.discovery.xrd', 'xrd-as-text'),
  'xep0156.discovery.jrd': http('xep0156.discovery.jrd', 'no-jrd'),
  'xep0156.discovery.cors': http('xep0156.discovery.cors', 'no-cors'),
  'xep0156.discovery.secure-links': http('xep0156.discovery.secure-links', 'ws-link'),
  'xep0363.upload.max-file-size': http('xep0363.upload.max-file-size', 'limit-unadvertised'),
  'xep0363.upload.file-too-large': { records: at(UPLOAD, 'xep0363.upload.file-too-large records a refusal naming the limit and a granted over-size slot alike (§6 only permits)') },
  'xep0363.upload.slot-https': http('xep0363.upload.slot-https', 'plain-slot'),
  'xep0363.upload.unguessable-url': http('xep0363.upload.unguessable-url', 'counter-urls'),
  'xep0363.upload.get-after-put': http('xep0363.upload.get-after-put', 'wrong-bytes'),
  'xep0363.upload.content-length-enforced': http('xep0363.upload.content-length-enforced', 'length-ignored'),
  // Both lab servers warn (they ignore the Content-Type), so the pass is the conformant fake.
  'xep0363.upload.content-type-enforced': { pass: UPLOAD_FINE, fail: HE },
  // BOSH (XEP-0124, XEP-0206)
  'xep0124.bosh.session-create': bosh(),
  'xep0124.bosh.session-create-details': bosh(),
  'xep0124.bosh.content-type': bosh(),
  'xep0124.bosh.rid-window': bosh(),
  'xep0124.bosh.rid-stale': bosh('prosody'),
  'xep0124.bosh.polling-interval': bosh(),
  'xep0124.bosh.terminate': bosh(),
  'xep0206.bosh.version-features': bosh(),
  'xep0206.bosh.stream-namespace': bosh(),
  'xep0206.bosh.restart': bosh(),
  'xep0206.bosh.restartlogic': bosh(),
};
