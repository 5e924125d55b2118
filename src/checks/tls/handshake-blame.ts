/**
 * A handshake that did not complete, as something to throw: a certificate that does not verify, or
 * the server ending the XMPP stream before <proceed/>, is the server's fault; the rest may be ours.
 */
import { ServerFault } from '../blame.js';
import type { Handshake } from './handshake.js';

export function handshakeProblem(result: Extract<Handshake, { ok: false }>, where?: string): Error {
  const text = `${where ? `${where}: ` : ''}${result.stage}: ${result.error}`;
  if (result.stage === 'unverified') return new ServerFault(`the server's certificate does not verify (${text})`);
  return result.stage === 'server-closed' ? new ServerFault(text) : new Error(text);
}
