/**
 * Pre-flight: one full login (TCP, TLS with the scenario's trust, SASL, bind) with the first
 * account before any load, so a wrong CA, port or password stops the run in seconds with an exit
 * code of its own instead of thousands of failed logins and a green report.
 */
import type { ConnectionTarget, VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { XmppAuthError, XmppConnectError, XmppStreamError, XmppTimeoutError } from '../xmpp/index.js';
import { loginUser } from './user-login.js';

export interface PreflightOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Logs `user` in and out once; throws a GauntletError ('unreachable' or 'auth') with a hint. */
export async function preflightLogin(target: ConnectionTarget, user: VirtualUser, options: PreflightOptions): Promise<void> {
  try {
    const session = await loginUser(target, user, options.timeoutMs);
    await session.close(options.timeoutMs).catch(() => undefined);
  } catch (error) {
    throw explainPreflightFailure(error, target, user);
  }
}

const WHERE = (target: ConnectionTarget) => `${target.host}:${target.port}`;

/** Turns what `loginUser` threw into the error the CLI prints, with what to try next. */
export function explainPreflightFailure(error: unknown, target: ConnectionTarget, user: VirtualUser): GauntletError {
  const prefix = `pre-flight login of ${user.jid} at ${WHERE(target)} failed`;
  if (error instanceof XmppAuthError) {
    return new GauntletError('auth', `${prefix}: authentication refused (${error.message})`, {
      cause: error,
      hint: `wrong password or user name? wrong domain in the JID (${user.domain})? no load was sent`,
    });
  }
  if (error instanceof XmppStreamError) {
    const domainProblem = error.condition === 'host-unknown' || error.condition === 'host-gone';
    return new GauntletError(domainProblem ? 'auth' : 'unreachable', `${prefix}: stream error ${error.message}`, {
      cause: error,
      hint: domainProblem ? `wrong domain in the JID? the server does not serve ${user.domain}` : 'the server closed the stream with an error; see its log',
    });
  }
  if (error instanceof XmppConnectError) {
    return new GauntletError('unreachable', `${prefix}: ${withoutOpenSslNoise(error.message)}`, { cause: error, hint: connectHint(error, target) });
  }
  if (error instanceof XmppTimeoutError) {
    return new GauntletError('unreachable', `${prefix}: ${error.message}`, {
      cause: error,
      hint: target.tls === 'direct' ? 'tls: direct on a STARTTLS port? try tls: starttls' : 'is this an XMPP client port? the server does not answer',
    });
  }
  return new GauntletError('unreachable', `${prefix}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

/** `800C…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/…` → `wrong version number`. */
function withoutOpenSslNoise(message: string): string {
  return message.replace(/[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):\S*/g, '$1').trim();
}

function connectHint(error: XmppConnectError, target: ConnectionTarget): string | undefined {
  switch (error.reason) {
    case 'tls-untrusted':
      return "set target.ca to the CA file that signed the server's certificate (certificate checks are never turned off)";
    case 'tls-hostname':
      return `${error.hint ?? 'the certificate does not name the domain'}; wrong domain in the JID?`;
    case 'tls-handshake':
    case 'closed':
    case 'timeout':
      if (target.tls === 'direct') return 'tls: direct on a STARTTLS port? try tls: starttls (usually port 5222)';
      return error.hint ?? 'tls: starttls on a direct TLS port? try tls: direct (usually port 5223)';
    case 'refused':
      return 'nothing listens there: check target.host and target.port, and that the server is running';
    default:
      return error.hint;
  }
}
