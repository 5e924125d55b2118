import type { ServerKind } from '../../src/lab/types.js';

/**
 * MUST (and security-profile) checks that fail on a baseline lab server because the server really deviates from the
 * spec, observed on the wire. `evidence` must match the check's reason (what it saw), so the entry
 * stops holding the moment the behaviour changes. Used by checks-stream.test.ts and
 * checks-variants.test.ts; never add an entry to make a test pass without that evidence.
 */
export interface Deviation {
  evidence: RegExp;
  why: string;
}


export const BASELINE_DEVIATIONS: Record<ServerKind, Record<string, Deviation>> = {
  prosody: {
    'rfc6120.stream.version-pre-1.0': {
      evidence: /version='0\.9' was answered with version='1\.0', higher than the client's/,
      why: "answers a version='0.9' header with version='1.0' (RFC 6120 §4.7.5: the lower of the two)",
    },
    'rfc6120.stream.stanza-before-auth': {
      evidence: /was not routed, but the stream stayed open without <not-authorized\/>.*service-unavailable/,
      why: 'bounces a pre-authentication stanza with a service-unavailable stanza error and keeps the stream open (RFC 6120 §4.3.5)',
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
    'rfc6120.s2s.invalid-namespace': {
      evidence: /a jabber:client stream was accepted on the s2s port/,
      why: 'accepts a jabber:client header on the s2s port',
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
  },
  ejabberd: {
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
};

/** The deviations of one area (the check id's middle part), for area tests. */
export function deviationsIn(kind: ServerKind, area: string): Record<string, Deviation> {
  return Object.fromEntries(Object.entries(BASELINE_DEVIATIONS[kind]).filter(([id]) => id.split('.')[1] === area));
}
