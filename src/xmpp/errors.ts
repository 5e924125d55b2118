/**
 * Typed XMPP errors. Each carries the defined condition (RFC 6120 §4.9.3, §6.5, §8.3.3), the
 * human-readable text if any, and the element it came from, so checks and counters can key on
 * the condition rather than on message strings.
 */
import { GauntletError } from '../util/errors.js';
import type { Element } from './xml.js';
import { NS } from './xml.js';

export abstract class XmppError extends Error {
  readonly condition: string;
  readonly text?: string;
  readonly element?: Element;

  constructor(condition: string, text?: string, element?: Element) {
    super(text ? `${condition}: ${text}` : condition);
    this.condition = condition;
    this.text = text;
    this.element = element;
  }
}

/** Reads `<condition xmlns=ns/><text xmlns=ns>…</text>` out of an error container. */
function readCondition(container: Element, ns: string): { condition: string; text?: string } {
  const children = container.getChildElements().filter((child) => child.getNS() === ns);
  const condition = children.find((child) => child.name !== 'text')?.name ?? 'undefined-condition';
  const text = children.find((child) => child.name === 'text')?.text() || undefined;
  return { condition, text };
}

/** `<stream:error>`: the stream is dead (RFC 6120 §4.9). */
export class XmppStreamError extends XmppError {
  override readonly name = 'XmppStreamError';

  static fromElement(element: Element): XmppStreamError {
    const { condition, text } = readCondition(element, NS.streams);
    return new XmppStreamError(condition, text, element);
  }
}

/** A stanza of type='error' (RFC 6120 §8.3); `element` is the whole stanza. */
export class XmppStanzaError extends XmppError {
  override readonly name = 'XmppStanzaError';
  /** cancel | continue | modify | auth | wait */
  readonly type?: string;

  constructor(condition: string, text?: string, element?: Element, type?: string) {
    super(condition, text, element);
    this.type = type;
  }

  static fromStanza(stanza: Element): XmppStanzaError {
    const error = stanza.getChild('error');
    if (!error) return new XmppStanzaError('undefined-condition', 'error stanza without <error/>', stanza);
    const { condition, text } = readCondition(error, NS.stanzas);
    return new XmppStanzaError(condition, text, stanza, error.attrs.type);
  }
}

/**
 * SASL failed. `origin: 'server'` is a `<failure/>` with its RFC 6120 §6.5 condition;
 * `origin: 'client'` is this tool refusing to go on (e.g. a forged server signature).
 */
export class XmppAuthError extends XmppError {
  override readonly name = 'XmppAuthError';
  readonly origin: 'server' | 'client';
  readonly mechanism?: string;

  constructor(
    condition: string,
    text: string | undefined,
    options: { origin: 'server' | 'client'; mechanism?: string; element?: Element },
  ) {
    super(condition, text, options.element);
    this.origin = options.origin;
    this.mechanism = options.mechanism;
  }

  static fromFailure(failure: Element, mechanism?: string): XmppAuthError {
    const { condition, text } = readCondition(failure, NS.sasl);
    return new XmppAuthError(condition, text, { origin: 'server', mechanism, element: failure });
  }
}

/**
 * The server broke the stream in a way this tool detected itself: XML that is not well-formed,
 * a DTD, a bound of limits.ts crossed, a cost it must not impose. Always the server's fault.
 */
export class XmppServerFault extends XmppError {
  override readonly name = 'XmppServerFault';

  constructor(condition: string, message: string) {
    super(condition, message);
    this.message = message;
  }
}

/** Whether `error` is the server's misbehaviour rather than ours or the network's. */
export function isServerFault(error: unknown): error is XmppServerFault {
  return error instanceof XmppServerFault;
}

/** Nothing matching arrived in time. */
export class XmppTimeoutError extends Error {
  override readonly name = 'XmppTimeoutError';
  readonly waitedFor: string;
  readonly timeoutMs: number;

  constructor(waitedFor: string, timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms waiting for ${waitedFor}`);
    this.waitedFor = waitedFor;
    this.timeoutMs = timeoutMs;
  }
}

/** Why a connection attempt failed, as counted in "connections failed by reason". */
export type ConnectFailureReason =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'closed'
  | 'tls-unavailable'
  | 'tls-untrusted'
  | 'tls-hostname'
  | 'tls-handshake'
  | 'auth'
  | 'stream-error'
  | 'other';

/** The network or TLS layer failed before or while the stream was negotiated. */
export class XmppConnectError extends GauntletError {
  override readonly name = 'XmppConnectError';
  readonly reason: ConnectFailureReason;
  /** The server ended the XMPP stream itself (its </stream:stream>), not only the TCP connection. */
  readonly streamClosedByServer: boolean;

  constructor(reason: ConnectFailureReason, message: string, options: { hint?: string; cause?: unknown; streamClosedByServer?: boolean } = {}) {
    super('unreachable', message, options);
    this.reason = reason;
    this.streamClosedByServer = options.streamClosedByServer ?? false;
  }
}

/** Classifies anything `openSession` may throw into one counter key. */
export function classifyConnectFailure(error: unknown): ConnectFailureReason {
  if (error instanceof XmppConnectError) return error.reason;
  if (error instanceof XmppAuthError) return 'auth';
  if (error instanceof XmppStreamError || error instanceof XmppServerFault) return 'stream-error';
  if (error instanceof XmppTimeoutError) return 'timeout';
  return 'other';
}
