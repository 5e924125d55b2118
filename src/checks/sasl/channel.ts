/**
 * Finds a TLS stream on which the server offers SCRAM-SHA-1-PLUS and a binding type both sides
 * can compute: the XEP-0440 list when the server sends one, else tls-unique on TLS 1.2 (the
 * RFC 5802 default), reconnecting with TLS 1.2 when TLS 1.3 offers nothing we can bind to.
 */
import { NS, availableBindings, channelBindingData, type ChannelBindingType } from '../../xmpp/index.js';
import type { CheckContext } from '../types.js';
import { mechanismsOf, openSecured, type Secured } from './stream-steps.js';

export const PLUS = 'SCRAM-SHA-1-PLUS';

export interface BindableStream extends Secured {
  type: ChannelBindingType;
  data: Buffer;
  protocol: string;
  /** The XEP-0440 list, empty when the server sends none. */
  advertised: string[];
}

export function advertisedBindings(secured: Secured): string[] {
  const list = secured.features.getChild('sasl-channel-binding', NS.saslChannelBinding)?.getChildren('channel-binding') ?? [];
  return list.map((binding) => binding.attrs.type ?? '');
}

/** The binding to use here, or undefined when none fits (e.g. TLS 1.3 without a XEP-0440 list). */
export function pickBinding(secured: Secured, advertised: readonly string[]): ChannelBindingType | undefined {
  if (!secured.socket) return undefined;
  const ours = availableBindings(secured.socket);
  if (advertised.length === 0) return ours.includes('tls-unique') ? 'tls-unique' : undefined;
  return ours.find((type) => advertised.includes(type));
}

function bindable(secured: Secured): BindableStream | undefined {
  if (!mechanismsOf(secured.features).includes(PLUS) || !secured.socket) return undefined;
  const advertised = advertisedBindings(secured);
  const type = pickBinding(secured, advertised);
  if (!type) return undefined;
  return { ...secured, type, data: channelBindingData(secured.socket, type), protocol: secured.socket.getProtocol() ?? 'unknown', advertised };
}

/** A stream we can run -PLUS on, or the reason there is none (the check then skips). */
export async function openBindable(ctx: CheckContext, label: string): Promise<BindableStream | string> {
  const first = await openSecured(ctx, { label: `${label}-default` });
  const found = bindable(first);
  if (found) return found;
  if (first.socket?.getProtocol() !== 'TLSv1.3') {
    return mechanismsOf(first.features).includes(PLUS) ? `${PLUS} offered, but no binding type we can compute matches the server's list` : `${PLUS} is not offered`;
  }
  first.probe.close();
  const legacy = await openSecured(ctx, { maxVersion: 'TLSv1.2', label: `${label}-tls1.2` });
  return bindable(legacy) ?? `${PLUS} is not offered with a usable binding on TLS 1.3 or TLS 1.2`;
}
