/**
 * Errors that library code throws instead of exiting. Each carries a code; only `cli/` maps
 * codes to process exit codes (see docs/exit-codes.md and src/cli/exit-codes.ts).
 */
export type ErrorCode =
  | 'usage' // bad flags or arguments
  | 'config' // invalid scenario or configuration
  | 'unreachable' // the target could not be reached (DNS, TCP, TLS)
  | 'environment' // this machine lacks something (a server package, a free port)
  | 'auth' // the target refused to log the first account in (pre-flight)
  | 'internal'; // a bug in the tool

export class GauntletError extends Error {
  readonly code: ErrorCode;
  /** A short hint telling the user what to do next. */
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'GauntletError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isGauntletError(value: unknown): value is GauntletError {
  return value instanceof GauntletError;
}
