import { stderrPaint } from './colours.js';
import { isGauntletError } from '../util/errors.js';
import { EXIT, exitCodeForError } from './exit-codes.js';

/** Prints an error the user can act on and returns the exit code that goes with it. */
export function reportFatal(error: unknown): number {
  const paint = stderrPaint();
  if (isGauntletError(error)) {
    process.stderr.write(`${paint.red('error:')} ${error.message}\n`);
    if (error.hint) process.stderr.write(`${paint.yellow('hint:')} ${error.hint}\n`);
    return exitCodeForError(error.code);
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${paint.red('internal error:')} ${detail}\n`);
  process.stderr.write(`${paint.yellow('hint:')} this is a bug in gauntlet; please report it with this output.\n`);
  return EXIT.internal;
}
