/**
 * The process's last resort: an exception nobody caught (a bug of ours; hostile input is caught
 * where it is parsed) ends with exit 70, one line on stderr, and whatever partial results the
 * running command registered written first (bounded in time).
 */
import { withDeadline } from '../util/deadline.js';
import { terminalSafe } from '../util/terminal-text.js';
import { EXIT } from './exit-codes.js';

/** Writes the partial results, told the one-line error; returns the file written. */
type LastWords = (error: string) => Promise<string | undefined>;

let lastWords: LastWords | undefined;

/** Registers what to write if the process must stop on a bug; returns the function that unregisters it. */
export function setLastWords(write: LastWords): () => void {
  lastWords = write;
  return () => {
    if (lastWords === write) lastWords = undefined;
  };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return terminalSafe(text.split('\n')[0]!.slice(0, 500));
}

export function installFatalHandlers(): void {
  const onFatal = (error: unknown) => {
    const line = oneLine(error);
    process.stderr.write(`internal error: ${line} (a bug in gauntlet; please report it)\n`);
    if (process.env.GAUNTLET_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    const write = lastWords;
    lastWords = undefined;
    withDeadline(write?.(line) ?? Promise.resolve(undefined), 10_000, 'writing the partial results')
      .then((file) => file && process.stderr.write(`partial results: ${file}\n`))
      .catch(() => undefined)
      .finally(() => process.exit(EXIT.internal));
  };
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
}
