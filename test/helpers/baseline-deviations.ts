import type { ServerKind } from '../../src/lab/types.js';

/**
 * MUST (and security-profile) checks that fail on a baseline lab server because the server really deviates from the
 * spec, observed on the wire. `evidence` must match the check's reason (what it saw), so the entry
 * stops holding the moment the behaviour changes. Used by checks-stream.test.ts and
 * checks-variants-<server>.test.ts; never add an entry to make a test pass without that evidence.
 */
export interface Deviation {
  evidence: RegExp;
  why: string;
}


export const BASELINE_DEVIATIONS: Record<ServerKind, Record<string, Deviation>> = {
  prosody: {
    'rfc6120.stream.error-header-from': {
      evidence: /claims to be from the unknown domain/,
      why: "the header before <host-unknown/> is 'from' the unknown domain (RFC 6120 §4.9.1.3: one of its own domains or empty)",
    },
    'rfc6120.stream.version-pre-1.0': {
      evidence: /version='0\.9' was answered with version='1\.0', higher than the client's/,
      why: "answers a version='0.9' header with version='1.0' (RFC 6120 §4.7.5: the lower of the two)",
    },
    'rfc6120.stream.stanza-before-auth': {
      evidence: /was not routed, but the stream stayed open without <not-authorized\/>.*service-unavailable/,
      why: 'bounces a pre-authentication stanza with a service-unavailable stanza error and keeps the stream open (RFC 6120 §4.9.3.12)',
    },
    'rfc6121.roster.set-bad-request': { evidence: /duplicate groups → result/, why: 'merges duplicate groups instead of refusing them (RFC 6121 §2.3.3)' },
    'rfc6121.roster.set-empty-group': { evidence: /an empty group → result/, why: 'accepts an empty <group/> (RFC 6121 §2.3.3 wants not-acceptable)' },
    'rfc6121.roster.set-other-user-forbidden': {
      evidence: /error <service-unavailable\/>, expected error <forbidden\/>/,
      why: "routes a roster set for another user's roster and answers service-unavailable, not forbidden (nothing is stored)",
    },
    'rfc6121.roster.ver-sync': { evidence: /unchanged from/, why: 'gives the empty roster and the first stored roster the same ver' },
    'rfc6121.presence.unsubscribed-cancels': {
      evidence: /unavailable arrived after 'unsubscribed', not before/,
      why: "routes 'unsubscribed' before the contact's unavailable presence",
    },
    'rfc6121.presence.unsubscribe': {
      evidence: /missing: unavailable from the contact's resource/,
      why: 'sends no unavailable presence to a user who unsubscribes',
    },
    'rfc6121.message.unknown-resource-other-types': {
      evidence: /normal reached another resource of the user/,
      why: 'reroutes a normal message for an offline resource to the online one (the RFC 3921 behaviour)',
    },
    'rfc6120.s2s.stanza-before-auth': {
      evidence: /no stream error came \(expected <not-authorized\/>\)/,
      why: 'ignores stanzas sent on an s2s stream before authentication instead of closing it with not-authorized',
    },
    'rfc6120.s2s.improper-addressing': {
      evidence: /a stanza without 'from' → <not-authorized\/>/,
      why: "answers an s2s stanza without 'from' with not-authorized instead of improper-addressing",
    },
    'rfc6120.s2s.invalid-from': {
      evidence: /from the unverified .* → <not-authorized\/>/,
      why: "answers a 'from' domain not verified on the stream with not-authorized instead of invalid-from",
    },
    'xep0077.register.empty-password-change': {
      evidence: /old password no longer works/,
      why: 'accepts the change to an empty password (XEP-0077 §3.3)',
    },
    'xep0124.bosh.session-create': {
      evidence: /second \(polling\) creation response: hold='1' exceeds the 0 we asked for/,
      why: "grants hold='1' to a client that asked for hold='0' (a polling session); XEP-0124 §7.2 caps 'hold' at the client's value",
    },
    'xep0124.bosh.rid-window': {
      evidence: /condition='item-not-found'> \(empty\), but the session lived on/,
      why: 'answers a rid beyond the window with terminate/item-not-found but keeps the session: the next in-window request is served (XEP-0124 §14.2)',
    },
    'xep0206.bosh.restartlogic': {
      evidence: /restarts streams but its creation response has xmpp:restartlogic='\(none\)'/,
      why: "restarts the stream after SASL but never advertises xmpp:restartlogic='true' (XEP-0206 §4)",
    },
  },
  ejabberd: {
    'rfc7395.websocket.header-namespace': {
      evidence: /an <open\/> in 'jabber:client' was accepted: the server answered with stream features/,
      why: "serves an <open/> in 'jabber:client' like a framed one (RFC 7395 §3.3.2: close the stream with <invalid-namespace/>)",
    },
    'xep0124.bosh.rid-stale': {
      evidence: /got no answer within 6 s \('wait'\)/,
      why: "never answers a request that repeats a rid whose response it no longer holds, not even when its own 'wait' has passed (XEP-0124 §14.3: item-not-found)",
    },
    'rfc6120.stream.error-header-from': {
      evidence: /claims to be from the unknown domain/,
      why: "the header before <host-unknown/> is 'from' the unknown domain (RFC 6120 §4.9.1.3: one of its own domains or empty)",
    },
    'rfc6120.stream.restricted-xml-comment': { evidence: /no stream error came/, why: 'its XML parser (fxml) drops comments silently' },
    'rfc6120.stream.restricted-xml-processing-instruction': {
      evidence: /no stream error came/,
      why: 'fxml drops processing instructions silently too',
    },
    'rfc5802.sasl.gs2-downgrade-detected': {
      evidence: /gs2 flag 'y' succeeded although the server offers SCRAM-SHA-1-PLUS/,
      why: "accepts the 'y' flag while offering -PLUS, so a stripped -PLUS offer would go unnoticed",
    },
    'gauntlet.security.authzid-impersonation': {
      evidence: /with another user's password the session was bound as (chk-\w+@[^/]+)\/.*any user can act as \1/,
      why: "honours another user's PLAIN authzid with the first user's password (fixed upstream in ejabberd 26.07)",
    },
    'rfc6121.iq.no-such-user': {
      evidence: /error <subscription-required\/>; expected error <service-unavailable\/>/,
      why: 'answers an IQ to a nonexistent user with subscription-required',
    },
    'rfc6121.roster.set-empty-group': {
      evidence: /an empty group → error <bad-request\/>, expected error <not-acceptable\/>/,
      why: 'refuses an empty group with bad-request instead of not-acceptable',
    },
    'rfc6121.roster.remove-unknown': { evidence: /removing an unknown item → result/, why: 'answers removing an unknown item with an empty result (RFC 6121 §2.5.3 wants item-not-found)' },
    'rfc6121.presence.subscribe-offline-stored': {
      evidence: /lost its <nick\/> extension/,
      why: 'stores only the status text of an offline subscription request and rebuilds the stanza',
    },
    'rfc6121.presence.approval': {
      evidence: /'subscribed' reached the user after the roster push/,
      why: "pushes subscription='to' before delivering 'subscribed'",
    },
    'rfc6121.message.unknown-resource-other-types': {
      evidence: /normal reached another resource of the user/,
      why: 'reroutes a normal message for an offline resource to the online one (the RFC 3921 behaviour)',
    },
    'xep0077.register.missing-field': {
      evidence: /expected <not-acceptable\/>, got an IQ error <bad-request\/>/,
      why: 'refuses a registration without password with bad-request instead of not-acceptable',
    },
  },
  jabberd2: {
    'rfc6120.stream.error-header-from': {
      evidence: /claims to be from the unknown domain/,
      why: "the header before <host-unknown/> is 'from' the unknown domain (RFC 6120 §4.9.1.3: one of its own domains or empty)",
    },
    // Stream: jabberd2 2.7 still speaks RFC 3920's error names and lets expat's own checks decide.
    'rfc6120.stream.not-well-formed': {
      evidence: /stream error <xml-not-well-formed\/>, expected <not-well-formed\/>/,
      why: "uses RFC 3920's <xml-not-well-formed/>, renamed <not-well-formed/> in RFC 6120 §4.9.3.13",
    },
    'rfc6120.stream.restricted-xml-comment': { evidence: /no stream error came/, why: 'passes XML comments through without a stream error' },
    'rfc6120.stream.restricted-xml-processing-instruction': { evidence: /no stream error came/, why: 'passes processing instructions through without a stream error' },
    // SASL
    'rfc6120.sasl.scram-sha-1-plus-offered': {
      evidence: /SCRAM-SHA-1-PLUS offered neither on TLS 1\.3 nor on TLS 1\.2/,
      why: 'the lab leaves -PLUS off: when enabled, jabberd2 2.7 offers it but every channel-binding exchange fails',
    },
    // Bind, IQ
    'rfc6120.iq.unknown-namespace': { evidence: /no 'to' → error <feature-not-implemented\/>, expected error <service-unavailable\/>/, why: 'answers an unknown payload namespace with feature-not-implemented' },
    // Roster
    'rfc6121.roster.set-bad-request': { evidence: /two items → result/, why: 'accepts a roster set with two items' },
    'rfc6121.roster.set-empty-group': { evidence: /an empty group → result/, why: 'accepts an empty <group/>' },
    'rfc6121.roster.set-other-user-forbidden': { evidence: /a set with to='<other user>' → result, expected error <forbidden\/>/, why: "answers a roster set addressed to another user with a result (it changes the sender's own roster)" },
    'rfc6121.roster.remove-unknown': { evidence: /removing an unknown item → result/, why: 'answers removing an unknown item with a result' },
    'rfc6121.roster.ver-sync': { evidence: /ver is '0' after adding an item, unchanged from '0'/, why: "keeps roster ver '0' after a change" },
    // Presence and message routing
    'rfc6121.presence.initial-broadcast': { evidence: /did not reach: the sending resource itself/, why: "does not echo initial presence to the sending resource (RFC 6121 §4.2.2)" },
    'rfc6121.presence.subsequent-broadcast': { evidence: /did not reach intact: the sender/, why: 'does not echo a presence update to the sending resource' },
    'rfc6121.presence.negative-priority': { evidence: /the sender got no echo carrying its priority/, why: 'the same missing echo, seen through a negative priority' },
    'rfc6121.presence.subscribe-offline-stored': { evidence: /2 copies of the request were delivered, not one/, why: 'delivers a stored subscription request twice at login' },
    'rfc6121.presence.approval': { evidence: /'subscribed' reached the user after the roster push/, why: "pushes the roster change before delivering 'subscribed'" },
    'rfc6121.message.bare-chat': { evidence: /'to' was rewritten to chk-\w+@[^/]+\/high/, why: "rewrites the bare 'to' of a chat message to the chosen full JID" },
    'rfc6121.message.bare-normal': { evidence: /'to' was rewritten to chk-\w+@[^/]+\/high/, why: "rewrites the bare 'to' of a normal message to the chosen full JID" },
    'rfc6121.message.bare-groupchat': { evidence: /the groupchat message was delivered to the available resource/, why: 'delivers groupchat to a bare JID instead of bouncing it' },
    'rfc6121.message.bare-error-ignored': { evidence: /the error message was delivered to the bare JID's resource/, why: 'delivers an error message sent to a bare JID instead of dropping it' },
    'rfc6121.message.unknown-resource-other-types': { evidence: /normal, groupchat and headline reached another resource of the user/, why: 'reroutes messages for an offline resource to the online one (the RFC 3921 behaviour)' },
    // Registration
    'xep0077.register.missing-field': { evidence: /expected <not-acceptable\/>, got an IQ error <bad-request\/>/, why: 'refuses a registration without password with bad-request' },
    'xep0077.register.empty-password': { evidence: /a registration with an empty <password\/> was accepted/, why: 'accepts an empty password' },
    'xep0077.register.empty-password-change': { evidence: /old password no longer works/, why: 'accepts the change to an empty password (XEP-0077 §3.3)' },
    // s2s
    'rfc6120.s2s.host-unknown': { evidence: /an s2s stream to stranger-\w+\.example was accepted with features/, why: 'accepts an s2s stream to a domain it does not serve' },
    'rfc6120.s2s.tls-before-dialback': {
      evidence: /STARTTLS is offered without <required\/>/,
      why: 'with <require_tls/> set it still offers s2s STARTTLS without <required/> (RFC 6120 §5.3.1)',
    },
    'rfc6120.s2s.stanza-before-auth': { evidence: /after a stanza before authentication no stream error came/, why: 'ignores stanzas on an s2s stream before authentication' },
  },
};

/** The deviations of one area (the check id's middle part), for area tests. */
export function deviationsIn(kind: ServerKind, area: string): Record<string, Deviation> {
  return Object.fromEntries(Object.entries(BASELINE_DEVIATIONS[kind]).filter(([id]) => id.split('.')[1] === area));
}
