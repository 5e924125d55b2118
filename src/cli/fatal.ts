import { stderrPaint } from './colours.js';
import { isGauntletError } from '../util/errors.js';
import { terminalSafe } from '../util/terminal-text.js';
import { EXIT, exitCodeForError } from './exit-codes.js';

/** Prints an error the user can act on and returns the exit code that goes with it. */
export function reportFatal(error: unknown): number {
  const paint = stderrPaint();
  if (isGauntletError(error)) {
    process.stderr.write(`${paint.red('error:')} ${terminalSafe(error.message)}\n`);
    if (error.hint) process.stderr.write(`${paint.yellow('hint:')} ${error.hint}\n`);
    return exitCodeForError(error.code);
  }
  // One line: the message, not the stack (GAUNTLET_DEBUG=1 shows the stack).
  const detail = error instanceof Error ? (process.env.GAUNTLET_DEBUG ? (error.stack ?? error.message) : `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`${paint.red('internal error:')} ${terminalSafe(detail)}\n`);
  process.stderr.write(`${paint.yellow('hint:')} this is a bug in gauntlet; please report it with this output.\n`);
  return EXIT.internal;
}
