/** A handshake that did not complete, as something to throw: a certificate that does not verify is the server's fault. */
import { ServerFault } from '../blame.js';
import type { Handshake } from './handshake.js';

export function handshakeProblem(result: Extract<Handshake, { ok: false }>, where?: string): Error {
  const text = `${where ? `${where}: ` : ''}${result.stage}: ${result.error}`;
  return result.stage === 'unverified' ? new ServerFault(`the server's certificate does not verify (${text})`) : new Error(text);
}
