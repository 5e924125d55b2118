/**
 * Federation pre-flight against a target the tool did not start: one round trip each way before
 * any s2s check or federation load. Leg 1, our peer → target: TCP, STARTTLS, dialback or SASL
 * EXTERNAL up to `type=valid` / `<success/>`. Leg 2, target → our listener: a ping from a peer
 * user that the target can only answer by connecting (and authenticating) to the listener.
 * A failure names the broken leg, what was seen, and what to change.
 */
import { randomBytes } from 'node:crypto';
import { xml, type Element } from '../xmpp/index.js';
import { S2sAuthError, type PeerAuth } from './outbound.js';
import type { PeerNetwork } from './peer-network.js';

export type PreflightLeg = 'peer → target' | 'target → peer';

export type PreflightOutcome =
  | { ok: true; summary: string }
  | { ok: false; leg: PreflightLeg; problem: string; fix: string };

/** What the run saw of the target's side: DNS questions (embedded DNS only) and listener events. */
export class PreflightObserver {
  readonly dnsQuestions: Array<{ name: string; answered: boolean }> = [];
  connections = 0;
  readonly tlsFailures: string[] = [];
  authenticated = 0;

  watch(network: PeerNetwork): void {
    const listener = network.listener;
    listener.on('connection', () => this.connections++);
    listener.on('tls-failed', ({ error }: { error: string }) => this.tlsFailures.push(error));
    listener.on('inbound-authenticated', () => this.authenticated++);
  }

  dnsQuestion(name: string, answered: boolean): void {
    if (this.dnsQuestions.length < 100) this.dnsQuestions.push({ name: name.toLowerCase().replace(/\.$/, ''), answered });
  }
}

export interface PreflightOptions {
  network: PeerNetwork;
  observer: PreflightObserver;
  peerDomain: string;
  targetDomain: string;
  /** Where the target's s2s port is (for messages). */
  targetS2s: string;
  auth: PeerAuth;
  /** How the target should find the listener, for messages: e.g. "the tool's DNS on 10.0.0.5:5300". */
  discovery: string;
  /** The listener as the target should dial it. */
  listener: string;
  /** The CA file the target must trust for our peers' certificates. */
  caFile: string;
  timeoutMs: number;
}

function code(error: unknown): string | undefined {
  return (error as { code?: string }).code ?? ((error as { cause?: { code?: string } }).cause?.code);
}

/** Why our side of the listener never heard from the target, from what was observed. */
function listenerDiagnosis(options: PreflightOptions): { problem: string; fix: string } {
  const { observer, peerDomain, listener } = options;
  const asked = observer.dnsQuestions.filter((q) => q.name.endsWith(peerDomain));
  if (options.discovery.startsWith("the tool's DNS") && asked.length === 0) {
    return {
      problem: `the target never asked ${options.discovery} about ${peerDomain}`,
      fix: "point the target's resolver there (the config lines printed before the run; docs/federation.md)",
    };
  }
  if (observer.connections === 0) {
    const seen = asked.length > 0 ? ` (it asked our DNS: ${asked.map((q) => `${q.name} ${q.answered ? 'answered' : 'no records'}`).join(', ')})` : '';
    return {
      problem: `no connection from the target reached the listener at ${listener}${seen}`,
      fix: `make ${peerDomain} lead the target to ${listener} via ${options.discovery}, and that address reachable from the target (firewall, --peer-public-host)`,
    };
  }
  if (observer.tlsFailures.length > 0 && observer.authenticated === 0) {
    return {
      problem: `the target connected but TLS with the listener failed: ${observer.tlsFailures[0]}`,
      fix: `make the target trust the CA in ${options.caFile}, or give peer certificates from a CA it trusts (--peer-cert)`,
    };
  }
  return {
    problem: `the target connected ${observer.connections} time(s) but never authenticated to ${peerDomain} (or never answered over that link)`,
    fix: `check that the target can dial back its own s2s port for dialback, or trusts ${options.caFile} for SASL EXTERNAL; its log says why`,
  };
}

function legOneFailure(error: unknown, options: PreflightOptions): PreflightOutcome {
  const message = (error as Error).message;
  const failed = (problem: string, fix: string): PreflightOutcome => ({ ok: false, leg: 'peer → target', problem, fix });
  const errno = code(error);
  if (errno === 'ECONNREFUSED' || errno === 'EHOSTUNREACH' || errno === 'ENETUNREACH' || errno === 'ENOTFOUND' || /TCP connect .* timed out/.test(message)) {
    return failed(`port unreachable: ${options.targetS2s} (${errno ?? message})`, "give the target's s2s address (--s2s-port / peers.target_s2s) and make sure it listens for servers there");
  }
  if (/^TLS with /.test(message)) return failed(`certificate refused: ${message}`, "give the CA of the target's certificate with --ca (the target's certificate must name its domain)");
  if (error instanceof S2sAuthError) {
    if (options.auth === 'external') {
      return failed(`SASL EXTERNAL refused: ${message}`, `make the target trust the CA in ${options.caFile} for server certificates, or use dialback`);
    }
    if (error.condition === 'invalid') return failed(`dialback invalid: ${message}`, `the target's check of our key through the listener (${options.listener}) said invalid: is another server answering for ${options.peerDomain}?`);
    const { problem, fix } = listenerDiagnosis(options);
    return failed(`dialback failed (${error.condition}): ${problem}`, fix);
  }
  if (/timed out .* dialback result/.test(message)) {
    const { problem, fix } = listenerDiagnosis(options);
    return failed(`no dialback answer: ${problem}`, fix);
  }
  return failed(message, 'see the message; the target\'s log says more');
}

/** Runs both legs; never throws for a failed leg. */
export async function federationPreflight(options: PreflightOptions): Promise<PreflightOutcome> {
  const { network, peerDomain, targetDomain, timeoutMs } = options;
  let link;
  try {
    link = await network.link(peerDomain, targetDomain);
  } catch (error) {
    return legOneFailure(error, options);
  }
  const id = `preflight-${randomBytes(4).toString('hex')}`;
  const answered = network.waitFor((stanza: Element) => stanza.name === 'iq' && stanza.attrs.id === id, timeoutMs).catch(() => undefined);
  link.send(xml('iq', { type: 'get', id, from: `gauntlet-preflight@${peerDomain}`, to: targetDomain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
  const answer = await answered;
  if (!answer) {
    const { problem, fix } = listenerDiagnosis(options);
    return { ok: false, leg: 'target → peer', problem: `no answer to a ping from ${peerDomain} within ${timeoutMs} ms: ${problem}`, fix };
  }
  const how = link.method === 'external' ? 'SASL EXTERNAL' : 'dialback';
  const summary = `${peerDomain} → ${targetDomain} by ${how} (auth ${Math.round(link.timings.authMs)} ms); ${targetDomain} → ${peerDomain} answered a ping (iq type=${answer.attrs.type})`;
  const external = link.method === 'external' ? '' : await externalNote(options);
  return { ok: true, summary: summary + external };
}

/** Dialback worked; whether EXTERNAL would too (checks of XEP-0178 need the target to trust our CA). */
async function externalNote(options: PreflightOptions): Promise<string> {
  const opened = await options.network.openStream(options.peerDomain, options.targetDomain, { auth: 'external' }).catch(() => undefined);
  if (!opened) return '';
  opened.stream.close();
  const mechanisms = opened.features.getChild('mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl')?.getChildren('mechanism').map((m) => m.text()) ?? [];
  return mechanisms.includes('EXTERNAL') ? '; SASL EXTERNAL is offered to our peers too' : `; note: SASL EXTERNAL is not offered to our peers (does the target trust ${options.caFile}?), so checks that use it will end in error`;
}
