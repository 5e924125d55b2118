/**
 * SASL authentication (RFC 6120 §6): mechanism choice, then the exchange over the stream.
 * SCRAM runs through our native scram.ts; PLAIN is refused on a cleartext stream unless the
 * caller explicitly allows it.
 */
import type tls from 'node:tls';
import { availableBindings, channelBindingData, chooseBinding, type ChannelBindingType } from './channel-binding.js';
import { XmppAuthError } from './errors.js';
import { ScramClient, type ScramHash } from './scram.js';
import type { XmppStream } from './stream.js';
import { NS, xml, type Element } from './xml.js';

export const MECHANISMS = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const;
/** Supported mechanisms, strongest first: `auto` takes the first the server offers and we can use. */
export type SaslMechanism = (typeof MECHANISMS)[number];

export interface SaslOptions {
  username: string;
  password: string;
  mechanism?: SaslMechanism | 'auto';
  /** Binding type for -PLUS; default: the best both sides support. */
  channelBinding?: ChannelBindingType;
  /** PLAIN over a stream without TLS sends the password in the clear: only when asked for. */
  allowCleartextAuth?: boolean;
  timeoutMs: number;
}

export interface SaslOutcome {
  mechanism: SaslMechanism;
  offered: string[];
  channelBinding?: ChannelBindingType;
}

function clientRefusal(condition: string, text: string, mechanism?: string): XmppAuthError {
  return new XmppAuthError(condition, text, { origin: 'client', mechanism });
}

interface Plan {
  mechanism: SaslMechanism;
  binding?: ChannelBindingType;
}

/** Decides mechanism and binding, or explains why nothing fits. */
export function planAuthentication(
  offered: readonly string[],
  advertisedBindings: readonly string[],
  tlsSocket: tls.TLSSocket | undefined,
  options: Pick<SaslOptions, 'mechanism' | 'channelBinding' | 'allowCleartextAuth'>,
): Plan {
  const binding = tlsSocket && chooseBinding(tlsSocket, advertisedBindings, options.channelBinding);
  const usable = (mechanism: SaslMechanism): boolean => {
    if (!offered.includes(mechanism)) return false;
    if (mechanism.endsWith('-PLUS')) return binding !== undefined;
    if (mechanism === 'PLAIN') return tlsSocket !== undefined || options.allowCleartextAuth === true;
    return true;
  };
  const wanted = options.mechanism ?? 'auto';
  if (wanted === 'auto') {
    const mechanism = MECHANISMS.find(usable);
    if (!mechanism) {
      throw clientRefusal('no-common-mechanism', `the server offers ${offered.join(', ') || 'nothing'}; none is usable here`);
    }
    return { mechanism, binding: mechanism.endsWith('-PLUS') ? binding : undefined };
  }
  if (!offered.includes(wanted)) {
    throw clientRefusal('invalid-mechanism', `the server does not offer ${wanted} (it offers ${offered.join(', ')})`, wanted);
  }
  if (wanted === 'PLAIN' && !usable(wanted)) {
    throw clientRefusal('encryption-required', 'PLAIN on a stream without TLS: pass allowCleartextAuth: true to allow', wanted);
  }
  if (wanted.endsWith('-PLUS') && !binding) {
    throw clientRefusal('channel-binding-unavailable', `no channel binding usable for ${wanted} on this connection`, wanted);
  }
  return { mechanism: wanted, binding: wanted.endsWith('-PLUS') ? binding : undefined };
}

function encode(text: string): string {
  return text === '' ? '=' : Buffer.from(text, 'utf8').toString('base64');
}

function decode(element: Element): string {
  return Buffer.from(element.text(), 'base64').toString('utf8');
}

/** Runs the whole exchange; resolves after <success/> (and, for SCRAM, a verified server signature). */
export async function authenticate(
  stream: XmppStream,
  features: Element,
  tlsSocket: tls.TLSSocket | undefined,
  options: SaslOptions,
): Promise<SaslOutcome> {
  const offered = (features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism', NS.sasl) ?? []).map((m) => m.text());
  if (offered.length === 0) throw clientRefusal('no-mechanisms', 'the server offers no SASL mechanism on this stream');
  const advertisedBindings = (features.getChild('sasl-channel-binding', NS.saslChannelBinding)?.getChildren('channel-binding') ?? [])
    .map((binding) => binding.attrs.type ?? '');
  const { mechanism, binding } = planAuthentication(offered, advertisedBindings, tlsSocket, options);

  const { username, password, timeoutMs } = options;
  let scram: ScramClient | undefined;
  let initial: string;
  if (mechanism === 'PLAIN') {
    initial = `\0${username}\0${password}`;
  } else {
    const hash: ScramHash = mechanism.startsWith('SCRAM-SHA-256') ? 'SHA-256' : 'SHA-1';
    const serverOffersPlus = offered.some((name) => name.endsWith('-PLUS'));
    scram = new ScramClient({
      hash,
      username,
      password,
      channelBinding: binding && tlsSocket ? { type: binding, data: channelBindingData(tlsSocket, binding) } : undefined,
      // `y` tells a server that did not offer -PLUS that we could have bound (downgrade detection).
      couldBind: tlsSocket !== undefined && !serverOffersPlus && availableBindings(tlsSocket).length > 0,
    });
    initial = scram.clientFirst();
  }

  await stream.send(xml('auth', { xmlns: NS.sasl, mechanism }, encode(initial)));
  let verified = scram === undefined;
  let answeredFirst = false;
  for (;;) {
    const element = await stream.next(timeoutMs, `SASL ${mechanism} answer`);
    if (element.getNS() !== NS.sasl) continue;
    if (element.name === 'failure') throw XmppAuthError.fromFailure(element, mechanism);
    if (element.name === 'success') {
      if (scram && !verified) scram.verifyServerFinal(decode(element));
      return { mechanism, offered, channelBinding: binding };
    }
    if (element.name !== 'challenge' || !scram) {
      throw clientRefusal('unexpected-element', `unexpected <${element.name}/> during ${mechanism}`, mechanism);
    }
    // First challenge: server-first. A second one carries server-final (RFC 6120 §6.3.10).
    let response = '';
    if (!answeredFirst) {
      response = await scram.clientFinal(decode(element));
      answeredFirst = true;
    } else {
      scram.verifyServerFinal(decode(element));
      verified = true;
    }
    await stream.send(xml('response', { xmlns: NS.sasl }, encode(response)));
  }
}
