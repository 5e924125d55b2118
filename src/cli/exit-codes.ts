import type { ErrorCode } from '../util/errors.js';

/**
 * The one place that defines what `gauntlet` exits with. docs/exit-codes.md and the README
 * repeat this table; a unit test keeps them in step.
 */
export const EXIT = {
  ok: 0,
  checksFailed: 1,
  usage: 2,
  unreachable: 3,
  thresholdsFailed: 4,
  environment: 5,
  loginRefused: 6,
  internal: 70,
  interrupted: 130,
} as const;

export const EXIT_MEANINGS: Record<keyof typeof EXIT, string> = {
  ok: 'everything ran; no MUST check failed and every threshold held',
  checksFailed: 'at least one conformance check failed (a MUST was broken, or the security profile failed); with `check --expect`: a verdict got worse than expected',
  usage: 'bad command line or invalid scenario/configuration (nothing was run)',
  unreachable: 'the target could not be reached (DNS, TCP or TLS), `check` could not run most checks or hit its deadline, or `rank` reached no host of its list',
  thresholdsFailed: 'a threshold or a run-health verdict failed (most logins failed, nothing delivered, too many errors, the target went away; results are still written), or `compare` found a regression (of two rank runs: a host whose score or TLS grade fell)',
  environment: 'this machine lacks something the run needs (a server package, a free port, a build)',
  loginRefused: 'the pre-flight login was refused (wrong password or user, wrong domain in the JID); no load was sent',
  internal: 'a bug in gauntlet (please report it with the output)',
  interrupted: 'interrupted (SIGINT); results gathered so far are written',
};

const BY_ERROR_CODE: Record<ErrorCode, number> = {
  usage: EXIT.usage,
  config: EXIT.usage,
  unreachable: EXIT.unreachable,
  environment: EXIT.environment,
  auth: EXIT.loginRefused,
  internal: EXIT.internal,
};

export function exitCodeForError(code: ErrorCode): number {
  return BY_ERROR_CODE[code];
}
