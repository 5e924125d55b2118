import type { CheckResult } from '../../src/checks/types.js';
import type { AreaServer } from './check-verdicts.js';

/**
 * Where lab Prosody 0.12 departs from the s2s rules (found by these checks, kept here so a change
 * in Prosody shows up): it ignores stanzas before
 * authentication, answers a missing or unverified 'from' with not-authorized, and advertises
 * dialback without <errors/> (so the dialback-error check does not apply). The dialback-feature
 * check only records (info) on both servers: XEP-0220 §2.4.2's MUST is conditional; so does the
 * s2s invalid-namespace check (Prosody accepts a jabber:client header there, ejabberd refuses it):
 * RFC 6120 only defines the condition.
 */
export const KNOWN_S2S: Record<AreaServer, Record<string, CheckResult['verdict']>> = {
  prosody: {
    'rfc6120.s2s.invalid-namespace': 'info',
    'rfc6120.s2s.stanza-before-auth': 'fail',
    'rfc6120.s2s.improper-addressing': 'fail',
    'rfc6120.s2s.invalid-from': 'fail',
    'xep0220.s2s.unknown-target-domain': 'skip',
    'xep0220.s2s.dialback-feature': 'info',
  },
  ejabberd: { 'rfc6120.s2s.invalid-namespace': 'info', 'xep0220.s2s.dialback-feature': 'info' },
};

