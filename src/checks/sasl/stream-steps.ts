/**
 * Small steps the TLS, SASL and bind checks share on top of a raw probe: reach the secured
 * stream, read what the server answers (an element, a closed stream, or silence), name SASL
 * failures. Kept free of verdicts: the checks decide what an answer means.
 */
import type tls from 'node:tls';
import { NS, type Element, type RawProbe } from '../../xmpp/index.js';
import type { CheckContext } from '../types.js';

/** What came back: an element, the end of the stream/connection, or nothing in time. */
export type Answer = { kind: 'element'; element: Element } | { kind: 'closed'; why: string } | { kind: 'silent' };

/** Default wait for one answer; generous because the lab shares two cores with other work. */
export const ANSWER_MS = 10_000;

export async function answer(probe: RawProbe, timeoutMs = ANSWER_MS): Promise<Answer> {
  try {
    return { kind: 'element', element: await probe.next(timeoutMs) };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'XmppTimeoutError') return { kind: 'silent' };
    if (name === 'XmppConnectError' || name === 'XmppStreamError') return { kind: 'closed', why: (error as Error).message };
    throw error;
  }
}

/** The element's name without its prefix ('stream:error' → 'error'). */
export function localName(element: Element): string {
  return element.name.slice(element.name.indexOf(':') + 1);
}

export function isStreamError(element: Element): boolean {
  return element.is('error', NS.stream);
}

/** The defined condition inside a stream error or SASL failure (the first child that is not <text/>). */
export function conditionOf(element: Element): string {
  return element.children.find((child): child is Element => typeof child !== 'string' && localName(child) !== 'text')?.name ?? 'undefined-condition';
}

/** One line naming what an answer was, for reasons. */
export function describe(reply: Answer): string {
  if (reply.kind === 'silent') return 'no answer in time';
  if (reply.kind === 'closed') return `the stream ended (${reply.why})`;
  const { element } = reply;
  if (isStreamError(element)) return `stream error <${conditionOf(element)}/>`;
  if (localName(element) === 'failure') return element.getChildElements().length ? `<failure><${conditionOf(element)}/></failure>` : '<failure/>';
  if (element.is('iq')) {
    const error = element.getChild('error');
    return `<iq type='${element.attrs.type}'/>${error ? ` with <${conditionOf(error)}/>` : ''}`;
  }
  return `<${localName(element)}/>`;
}

export function saslFailure(reply: Answer): string | undefined {
  return reply.kind === 'element' && reply.element.is('failure', NS.sasl)
    ? conditionOf(reply.element)
    : undefined;
}

export function isSasl(reply: Answer, name: 'challenge' | 'success' | 'failure'): boolean {
  return reply.kind === 'element' && reply.element.is(name, NS.sasl);
}

export function mechanismsOf(features: Element | undefined): string[] {
  return (features?.getChild('mechanisms', NS.sasl)?.getChildren('mechanism', NS.sasl) ?? []).map((m) => m.text().trim());
}

export function offersStartTls(features: Element | undefined): boolean {
  return features?.getChild('starttls', NS.tls) !== undefined;
}

export function base64(text: string | Buffer): string {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return data.length === 0 ? '=' : data.toString('base64');
}

export interface Secured {
  probe: RawProbe;
  /** Features of the stream after TLS. */
  features: Element;
  socket?: tls.TLSSocket;
}

/**
 * A fresh probe on the STARTTLS port, secured: header, STARTTLS, restart. Throws (a tool error)
 * when the server does not get us that far; the TLS checks judge those steps themselves.
 */
export async function openSecured(ctx: CheckContext, options: { maxVersion?: tls.SecureVersion; label?: string } = {}): Promise<Secured> {
  const probe = await ctx.raw({ label: options.label });
  const opened = await probe.open();
  if (!opened.features) throw new Error(`no stream features on the cleartext stream (${opened.error?.condition ?? 'none'})`);
  if (!offersStartTls(opened.features)) throw new Error('the server does not offer STARTTLS; the check needs a TLS stream');
  const secured = await probe.startTls(options.maxVersion ? { maxVersion: options.maxVersion } : {});
  if (!secured.features) throw new Error(`no stream features after STARTTLS (${secured.error?.condition ?? 'none'})`);
  return { probe, features: secured.features, socket: probe.tlsSocket };
}
