/**
 * Stream features a client meets before logging in (RFC 6120 §4.3): on the cleartext stream,
 * then after STARTTLS. Also fetches the in-band registration form (XEP-0077) and submits nothing.
 * One connection; never a SASL exchange. Stream management, CSI and roster versioning are
 * usually offered only after login, so not seeing them here leaves them unknown, not false.
 */
import { NS, openRawProbe, type Element, type RawProbe } from '../../xmpp/index.js';
import { boundedText } from '../../util/bounded-text.js';
import type { Evidence, StreamFeatureFacts } from '../facts.js';
import type { Endpoint } from './inspect-handshake.js';

const NS_REGISTER_FEATURE = 'http://jabber.org/features/iq-register';
const NS_REGISTER = 'jabber:iq:register';
const NS_SASL2 = 'urn:xmpp:sasl:2';
const NS_FAST = 'urn:xmpp:fast:0';
const NS_SM = 'urn:xmpp:sm:3';
const NS_CSI = 'urn:xmpp:csi:0';
const NS_DATA = 'jabber:x:data';
/** Names kept from a remote list (mechanisms, form fields): each short, and not too many. */
const MAX_NAMES = 32;
const MAX_NAME = 64;

export interface FeatureProbeResult {
  features?: StreamFeatureFacts;
  evidence: Evidence[];
  unknown: Record<string, string>;
}

function names(list: string[]): string[] {
  return [...new Set(list.map((n) => n.trim().slice(0, MAX_NAME)).filter(Boolean))].slice(0, MAX_NAMES);
}

function mechanisms(features: Element | undefined): string[] {
  return names((features?.getChild('mechanisms', NS.sasl)?.getChildren('mechanism', NS.sasl) ?? []).map((m) => m.text()));
}

/** Child names of <stream:features/>, for evidence. */
function summary(features: Element | undefined): string {
  if (!features) return 'no features';
  const children = features.getChildElements().map((c) => `${c.name}${c.attrs.xmlns ? `[${c.attrs.xmlns}]` : ''}`);
  const mechs = mechanisms(features);
  return boundedText(`${children.join(', ')}${mechs.length ? `; mechanisms ${mechs.join(' ')}` : ''}`, 600);
}

/** Fields of an XEP-0077 form: legacy child elements, or the data form's field vars. */
export function registrationFields(query: Element): string[] {
  const form = query.getChild('x', NS_DATA);
  if (form) return names(form.getChildren('field').map((f) => String(f.attrs.var ?? '')).filter((v) => v !== 'FORM_TYPE'));
  return names(query.getChildElements().map((c) => c.name).filter((n) => !['instructions', 'registered'].includes(n)));
}

/** Pre-login features of the c2s STARTTLS endpoint. */
export async function probeFeatures(endpoint: Endpoint, timeoutMs: number): Promise<FeatureProbeResult> {
  const evidence: Evidence[] = [];
  const unknown: Record<string, string> = {};
  const where = `${endpoint.host}:${endpoint.port}`;
  let probe: RawProbe | undefined;
  try {
    probe = await openRawProbe({ domain: endpoint.domain, host: endpoint.host, port: endpoint.port, ca: caText(endpoint.ca), timeoutMs, label: 'rank' });
    const before = await probe.open();
    if (!before.features) {
      const why = before.error
        ? boundedText(`stream error <${before.error.condition}/>`, 200)
        : `no stream ${before.header ? 'features' : 'header'} within ${timeoutMs} ms`;
      evidence.push({ probe: `c2s stream header to ${where}`, seen: why, facts: ['features'] });
      return { evidence, unknown: { features: why } };
    }
    evidence.push({ probe: `c2s stream header to ${where} (before TLS)`, seen: summary(before.features), facts: ['features.startTlsOffered', 'features.startTlsRequired', 'features.mechanismsBeforeTls'] });
    const starttls = before.features.getChild('starttls', NS.tls);
    const facts: StreamFeatureFacts = {
      startTlsOffered: starttls !== undefined,
      startTlsRequired: starttls?.getChild('required') !== undefined,
      mechanismsBeforeTls: mechanisms(before.features),
      mechanismsAfterTls: [],
      channelBindingTypes: [],
      sasl2: false,
      fast: false,
      registrationOffered: before.features.getChild('register', NS_REGISTER_FEATURE) !== undefined,
      registrationFields: [],
    };
    if (!starttls) {
      unknown['features.mechanismsAfterTls'] = 'STARTTLS not offered';
      return { features: facts, evidence, unknown };
    }
    let after: Element | undefined;
    try {
      after = (await probe.startTls()).features;
    } catch (error) {
      // An untrusted certificate ends here: nothing is sent over a stream we could not verify.
      const why = `STARTTLS did not lead to a verified stream: ${boundedText((error as Error).message, 300)}`;
      for (const fact of ['mechanismsAfterTls', 'channelBindingTypes', 'sasl2', 'registrationFields']) unknown[`features.${fact}`] = why;
      evidence.push({ probe: `STARTTLS on ${where}`, seen: why, facts: ['features.mechanismsAfterTls'] });
      return { features: facts, evidence, unknown };
    }
    evidence.push({ probe: `c2s stream restart after STARTTLS on ${where}`, seen: summary(after), facts: ['features.mechanismsAfterTls', 'features.channelBindingTypes', 'features.sasl2', 'features.fast', 'features.registrationOffered'] });
    facts.mechanismsAfterTls = mechanisms(after);
    facts.channelBindingTypes = names((after?.getChild('sasl-channel-binding', NS.saslChannelBinding)?.getChildren('channel-binding') ?? []).map((c) => String(c.attrs.type ?? '')));
    const sasl2 = after?.getChild('authentication', NS_SASL2);
    facts.sasl2 = sasl2 !== undefined;
    facts.fast = sasl2?.getChild('inline')?.getChild('fast', NS_FAST) !== undefined;
    facts.registrationOffered ||= after?.getChild('register', NS_REGISTER_FEATURE) !== undefined;
    // Post-login features, when a server shows them early.
    if (after?.getChild('sm', NS_SM)) facts.streamManagement = true;
    if (after?.getChild('csi', NS_CSI)) facts.csi = true;
    if (after?.getChild('ver', NS.rosterVersioning)) facts.rosterVersioning = true;
    for (const fact of ['streamManagement', 'csi', 'rosterVersioning'] as const) {
      if (facts[fact] === undefined) unknown[`features.${fact}`] = 'offered only after login, if at all; no account given';
    }
    await fetchRegistrationForm(probe, endpoint.domain, where, facts, evidence, unknown, timeoutMs);
    return { features: facts, evidence, unknown };
  } catch (error) {
    const why = boundedText((error as Error).message, 300);
    evidence.push({ probe: `c2s stream to ${where}`, seen: why, facts: ['features'] });
    return { evidence, unknown: { ...unknown, features: why } };
  } finally {
    probe?.close();
  }
}

/** XEP-0077 §3.1: the form is asked for with a get; nothing is ever submitted. */
async function fetchRegistrationForm(probe: RawProbe, domain: string, where: string, facts: StreamFeatureFacts, evidence: Evidence[], unknown: Record<string, string>, timeoutMs: number): Promise<void> {
  probe.send(`<iq type='get' id='rank-register-form' to='${domain}'><query xmlns='${NS_REGISTER}'/></iq>`);
  try {
    const reply = await probe.waitFor((e) => e.is('iq') && e.attrs.id === 'rank-register-form', timeoutMs);
    const query = reply.attrs.type === 'result' ? reply.getChild('query', NS_REGISTER) : undefined;
    if (query) {
      facts.registrationFields = registrationFields(query);
      facts.registrationOffered = true;
    }
    const error = reply.getChild('error')?.getChildElements()[0]?.name;
    evidence.push({ probe: `iq get jabber:iq:register on ${where} (form only, nothing submitted)`, seen: boundedText(query ? `form fields: ${facts.registrationFields.join(', ') || 'none'}` : `iq ${String(reply.attrs.type)}${error ? ` <${error}/>` : ''}`, 600), facts: ['features.registrationOffered', 'features.registrationFields'] });
  } catch (error) {
    unknown['features.registrationFields'] = boundedText((error as Error).message, 300);
  }
}

function caText(ca: string | string[] | undefined): string | undefined {
  return Array.isArray(ca) ? ca.join('\n') : ca;
}
