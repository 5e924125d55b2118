/**
 * Federation facts, from the observer domain (observer.ts): does the host's s2s port offer and
 * require TLS, accept our dialback key (and dial back to check it), accept SASL EXTERNAL with our
 * certificate. Three short streams, each closed after its answer; nothing is sent but the
 * stream header, STARTTLS and the authentication itself.
 */
import { S2S_NS, type Authority, type S2sStream } from '../../s2s/index.js';
import { xml, type Element } from '../../xmpp/index.js';
import { boundedText } from '../../util/bounded-text.js';
import type { Evidence, FederationFacts } from '../facts.js';
import type { RankObserver } from './observer.js';
import type { Pacer } from './pacer.js';

const DIALBACK_FEATURE = 'urn:xmpp:features:dialback';

export interface FederationProbeResult {
  federation: FederationFacts;
  evidence: Evidence[];
  unknown: Record<string, string>;
}

function why(error: unknown): string {
  return boundedText((error as Error).message ?? String(error), 300);
}

async function answerOf(stream: S2sStream, timeoutMs: number, what: string): Promise<{ answer: Element; seen: string }> {
  const answer = await stream.next(timeoutMs, what);
  const condition = answer.getChild('error')?.getChildElements()[0]?.name ?? answer.getChildElements()[0]?.name;
  return { answer, seen: boundedText(`<${answer.name}${answer.attrs.type ? ` type='${answer.attrs.type}'` : ''}/>${condition ? ` (${condition})` : ''}`, 300) };
}

export async function probeFederation(observer: RankObserver, domain: string, where: Authority, pacer: Pacer, timeoutMs: number): Promise<FederationProbeResult> {
  observer.locate(domain, where);
  const network = observer.network;
  const from = observer.domain;
  const at = `${where.host}:${where.port}`;
  const evidence: Evidence[] = [];
  const unknown: Record<string, string> = {};
  const federation: FederationFacts = { observer: from, reachable: false, tlsOffered: false, tlsRequired: false, dialbackAccepted: false, externalAccepted: false, dialedBack: false };

  try {
    const plain = await pacer.run(() => network.openStream(from, domain, { tls: false }));
    const starttls = plain.features.getChild('starttls', S2S_NS.tls);
    federation.reachable = true;
    federation.tlsOffered = starttls !== undefined;
    federation.tlsRequired = starttls?.getChild('required') !== undefined;
    const offered = plain.features.getChildElements().map((c) => c.name).join(', ');
    evidence.push({ probe: `s2s stream header from ${from} to ${domain} at ${at}`, seen: boundedText(`features: ${offered || 'none'}${plain.features.getChild('dialback', DIALBACK_FEATURE) ? ' (dialback advertised)' : ''}`, 400), facts: ['federation.reachable', 'federation.tlsOffered', 'federation.tlsRequired'] });
    plain.stream.close();
  } catch (error) {
    evidence.push({ probe: `s2s stream header from ${from} to ${domain} at ${at}`, seen: why(error), facts: ['federation.reachable'] });
    unknown.federation = `the s2s port did not answer a stream header: ${why(error)}`;
    return { federation, evidence, unknown };
  }

  // Dialback (XEP-0220 §2.1.1): our key, then the host should ask our listener whether it is valid.
  // Only this host's verify counts: other hosts are probed through the same listener at the same time.
  const onVerify = (request: { from?: string }) => {
    if (request.from?.toLowerCase() === domain.toLowerCase()) federation.dialedBack = true;
  };
  network.listener.on('verify-request', onVerify);
  try {
    const opened = await pacer.run(() => network.openStream(from, domain, { auth: 'dialback' }));
    try {
      opened.stream.send(xml('db:result', { from, to: domain }, network.dialbackKey({ receiving: domain, originating: from, streamId: opened.id })));
      const { answer, seen } = await answerOf(opened.stream, timeoutMs, 'the dialback result');
      federation.dialbackAccepted = answer.is('result', S2S_NS.dialback) && answer.attrs.type === 'valid';
      evidence.push({ probe: `dialback key from ${from} to ${domain}`, seen: `${seen}${federation.dialedBack ? '; the host dialed back to verify it' : ''}`, facts: ['federation.dialbackAccepted', 'federation.dialedBack'] });
    } finally {
      opened.stream.close();
    }
  } catch (error) {
    evidence.push({ probe: `dialback key from ${from} to ${domain}`, seen: why(error), facts: ['federation.dialbackAccepted'] });
  } finally {
    network.listener.off('verify-request', onVerify);
  }

  // SASL EXTERNAL (XEP-0178): only offered when the host trusts the observer's certificate.
  try {
    const opened = await pacer.run(() => network.openStream(from, domain, { auth: 'external' }));
    try {
      const mechanisms = opened.features.getChild('mechanisms', S2S_NS.sasl)?.getChildren('mechanism').map((m) => m.text().trim().slice(0, 64)) ?? [];
      if (!mechanisms.includes('EXTERNAL')) {
        evidence.push({ probe: `s2s features for ${from} after STARTTLS with its certificate`, seen: boundedText(`EXTERNAL not offered (mechanisms: ${mechanisms.join(' ') || 'none'})`, 300), facts: ['federation.externalAccepted'] });
      } else {
        opened.stream.send(xml('auth', { xmlns: S2S_NS.sasl, mechanism: 'EXTERNAL' }, Buffer.from(from).toString('base64')));
        const { answer, seen } = await answerOf(opened.stream, timeoutMs, 'the SASL EXTERNAL outcome');
        federation.externalAccepted = answer.is('success', S2S_NS.sasl);
        evidence.push({ probe: `SASL EXTERNAL as ${from}`, seen, facts: ['federation.externalAccepted'] });
      }
    } finally {
      opened.stream.close();
    }
  } catch (error) {
    evidence.push({ probe: `SASL EXTERNAL as ${from}`, seen: why(error), facts: ['federation.externalAccepted'] });
  }
  return { federation, evidence, unknown };
}
