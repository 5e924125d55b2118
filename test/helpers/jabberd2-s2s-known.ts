import type { CheckResult, Verdict } from '../../src/checks/types.js';

/**
 * These s2s checks use a simulated peer that authenticates only by SASL EXTERNAL, which jabberd2's
 * s2s cannot do (dialback only), in either direction. Inbound, the check reports `error`; outbound
 * (the subscription), jabberd2 dials the peer, is refused dialback and retries without pause, and
 * the check fails. Neither says anything about the rule tested; pinned so a change shows.
 * Shared by the lab-mode catalogue (checks-jabberd2) and the outside-target run (s2s-external-jabberd2).
 */
export const NEEDS_S2S_EXTERNAL: Record<string, { verdict: Verdict; reason: RegExp }> = {
  'rfc6120.s2s.improper-addressing': { verdict: 'error', reason: /does not offer SASL EXTERNAL/ },
  'rfc6120.s2s.invalid-from': { verdict: 'error', reason: /does not offer SASL EXTERNAL/ },
  'rfc6121.s2s.iq-missing-user': { verdict: 'error', reason: /does not offer SASL EXTERNAL/ },
  'xep0160.s2s.offline-from-remote': { verdict: 'error', reason: /does not offer SASL EXTERNAL/ },
  // Outbound, jabberd2 may or may not get through to the peer; the approval coming back never does.
  'rfc6121.s2s.subscription': { verdict: 'fail', reason: /the subscription request never reached the remote contact|the remote contact's approval never reached the local user/ },
};

/**
 * jabberd2's c2s keys sessions by file descriptor: the sm's late reply for a session that just closed
 * can land on the next connection that reuses the descriptor, which c2s then closes with an
 * <internal-server-error/> stream error (docs/checks.md). A check hit by it says nothing about its rule.
 */
const FD_RACE = /<stream:error[^]*?<internal-server-error/;

/**
 * Seen in the wire log, or in the reason where a probe keeps no wire (the TLS checks' own STARTTLS
 * reader). That reader has also seen jabberd2 drop a fresh connection right after <starttls/> with
 * no stream error at all (2 of 4 catalogue runs, never on Prosody or ejabberd): listed with the
 * race hits, since it says nothing about the TLS versions the check is after.
 */
const RACED_REASON = /stream error <internal-server-error\/>|the server closed the connection before <proceed\/>/;

export const raced = (result: Pick<CheckResult, 'wire' | 'reason'> | undefined): boolean =>
  result !== undefined && (result.wire.some((entry) => entry.dir === 'in' && FD_RACE.test(entry.text)) || RACED_REASON.test(result.reason));
