/**
 * Small stanza tools shared by the IQ, roster and presence checks: requests whose error replies
 * are data (not exceptions), "did it arrive?" waits that turn a timeout into an answer, and a
 * recorder for asserting that nothing arrived before a barrier.
 */
import { randomUUID } from 'node:crypto';
import { NS, toElement, XmppStanzaError, XmppTimeoutError, type Element, type Session, type StanzaMatcher } from '../../xmpp/index.js';
import type { CheckOutcome } from '../types.js';

/** A namespace no server implements, for "unknown payload" probes. */
export const NS_UNKNOWN = 'urn:xmpp-gauntlet:unknown:0';

/** The error types RFC 6120 §8.3.2 defines. */
export const ERROR_TYPES = ['auth', 'cancel', 'continue', 'modify', 'wait'] as const;

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Escapes text for an XML attribute or text node we build by hand. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/**
 * Sends an IQ (adding an id if missing) and resolves with the reply of type result or error,
 * or undefined when none came within the session's timeout.
 */
export async function request(session: Session, stanza: Element | string): Promise<Element | undefined> {
  const iq = toElement(stanza);
  const id = (iq.attrs.id ??= uniqueId('iq'));
  const reply = arrives(session, (s) => s.name === 'iq' && s.attrs.id === id && (s.attrs.type === 'result' || s.attrs.type === 'error'));
  try {
    await session.send(iq);
  } catch (error) {
    reply.catch(() => undefined);
    throw error;
  }
  return reply;
}

/** Resolves with the first matching stanza, or undefined on timeout (the session's default wait). */
export async function arrives(session: Session, matcher: StanzaMatcher): Promise<Element | undefined> {
  try {
    return await session.waitFor(matcher);
  } catch (error) {
    if (error instanceof XmppTimeoutError) return undefined;
    throw error;
  }
}

/** Waits for each expectation in turn; returns the names of those that did not arrive. */
export async function missingArrivals(expectations: Array<[what: string, session: Session, matcher: StanzaMatcher]>): Promise<string[]> {
  const missing: string[] = [];
  for (const [what, session, matcher] of expectations) if (!(await arrives(session, matcher))) missing.push(what);
  return missing;
}

export interface StanzaError {
  type?: string;
  condition: string;
}

/** The error carried by a type='error' stanza, undefined for anything else. */
export function stanzaError(stanza: Element | undefined): StanzaError | undefined {
  if (stanza?.attrs.type !== 'error') return undefined;
  const error = XmppStanzaError.fromStanza(stanza);
  return { type: error.type, condition: error.condition };
}

/** "result", "error <condition>" or "no reply", for reasons. */
export function describeReply(reply: Element | undefined): string {
  if (!reply) return 'no reply';
  const error = stanzaError(reply);
  return error ? `error <${error.condition}/>` : reply.attrs.type ?? 'a reply without type';
}

/**
 * Sends each named request in turn and expects error <condition/> for all of them: a violation
 * names the first that got anything else, a pass lists every reply.
 */
export async function expectErrorEach(session: Session, condition: string, requests: Record<string, string>): Promise<CheckOutcome> {
  const seen: string[] = [];
  for (const [what, xml] of Object.entries(requests)) {
    const reply = await request(session, xml);
    seen.push(`${what}: ${describeReply(reply)}`);
    if (stanzaError(reply)?.condition !== condition) return { outcome: 'violation', reason: `${what} → ${describeReply(reply)}, expected error <${condition}/>` };
  }
  return { outcome: 'pass', reason: seen.join('; ') };
}

/** Records every stanza `session` receives from now on that matches `predicate`. */
export function record(session: Session, predicate: (stanza: Element) => boolean = () => true): { seen: Element[]; stop(): void } {
  const seen: Element[] = [];
  const listener = (stanza: Element) => {
    if (predicate(stanza)) seen.push(stanza);
  };
  session.on('stanza', listener);
  return { seen, stop: () => session.off('stanza', listener) };
}

/** Bare JID text of an address (lower-case domain as servers stamp it). */
export function bare(address: string | undefined): string {
  return (address ?? '').split('/')[0]!.toLowerCase();
}

/** The defined conditions inside <error/> (RFC 6120 §8.3.2), excluding <text/>. */
export function definedConditions(error: Element): Element[] {
  return error.getChildElements().filter((child) => child.getNS() === NS.stanzas && child.name !== 'text');
}
