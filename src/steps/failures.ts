/**
 * Why a step failed, in the shape the ErrorSink and the counters want: a kind (what sort of
 * problem) and a condition (the XMPP condition or reason). Anything a step throws is turned into
 * one of these by `toStepFailure`.
 */
import {
  XmppAuthError,
  XmppConnectError,
  XmppStanzaError,
  XmppStreamError,
  XmppTimeoutError,
} from '../xmpp/index.js';

export type FailureKind = 'timeout' | 'stanza-error' | 'auth' | 'connection' | 'stream-error' | 'step';

export class StepFailure extends Error {
  readonly kind: FailureKind;
  readonly condition: string;
  /** The step that failed (the innermost one, inside loops); set by the runner. */
  step?: string;

  constructor(kind: FailureKind, condition: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'StepFailure';
    this.kind = kind;
    this.condition = condition;
  }
}

export function timeoutFailure(what: string, timeoutMs: number): StepFailure {
  return new StepFailure('timeout', 'timeout', `timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function toStepFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof XmppTimeoutError) return new StepFailure('timeout', 'timeout', error.message, { cause: error });
  if (error instanceof XmppStanzaError) return new StepFailure('stanza-error', error.condition, error.message, { cause: error });
  if (error instanceof XmppAuthError) return new StepFailure('auth', error.condition, error.message, { cause: error });
  if (error instanceof XmppStreamError) return new StepFailure('stream-error', error.condition, error.message, { cause: error });
  if (error instanceof XmppConnectError) return new StepFailure('connection', error.reason, error.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new StepFailure('step', 'error', message, { cause: error });
}
