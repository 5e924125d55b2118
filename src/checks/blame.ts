/**
 * Who is to blame when a check throws. `error` is kept for our side and the network; what the
 * server clearly did (a stream error or its own </stream:stream>, an error answer or a refused login during the check's
 * set-up, a certificate that does not verify against the CA the user told us to trust) is the
 * server's fault and is judged at the check's level, like a violation.
 */
import { isServerFault, XmppAuthError, XmppConnectError, XmppStanzaError, XmppStreamError } from '../xmpp/index.js';
import type { CheckLevel, Verdict } from './types.js';
import { verdictFor } from './verdict.js';

/** Thrown by check set-up helpers when the server answered, and the answer was a refusal. */
export class ServerFault extends Error {
  override readonly name = 'ServerFault';
}

/** What the server did wrong, when `error` is the server's doing; undefined when it is ours or the network's. */
export function serverFaultIn(error: unknown): string | undefined {
  if (error instanceof ServerFault) return error.message;
  // A stream the server broke: bad XML, or a bound of limits.ts crossed.
  if (isServerFault(error)) return error.message;
  // <conflict/> means another session took the resource: with a shared account, one of ours.
  if (error instanceof XmppStreamError && error.condition !== 'conflict') return `the server closed the stream with <${error.condition}/>${error.text ? ` (${error.text})` : ''}`;
  if (error instanceof XmppStanzaError) return `the server answered a set-up request with error <${error.condition}/>${error.text ? ` (${error.text})` : ''}`;
  if (error instanceof XmppAuthError) {
    return error.origin === 'server' ? `the server refused the login with <${error.condition}/>` : `the server's SASL answer did not verify: ${error.message}`;
  }
  if (error instanceof XmppConnectError) {
    if (error.reason === 'tls-untrusted' || error.reason === 'tls-hostname') return `the server's certificate does not verify: ${error.message}`;
    if (error.reason === 'stream-error' || error.reason === 'auth') return error.message;
    // The server ended the XMPP stream (its </stream:stream>) during set-up: its doing, not the network's.
    if (error.streamClosedByServer) return error.message;
  }
  return undefined;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The verdict for a check that threw: a skip it asked for, the server's fault at its level, or `error`. */
export function judgeThrown(level: CheckLevel, error: unknown): { verdict: Verdict; reason: string } {
  if ((error as { skip?: boolean }).skip === true) return { verdict: 'skip', reason: errorText(error) };
  const fault = serverFaultIn(error);
  if (fault) return { verdict: verdictFor(level, 'violation'), reason: `server fault: ${fault}` };
  return { verdict: 'error', reason: `tool or network problem: ${errorText(error)}` };
}
