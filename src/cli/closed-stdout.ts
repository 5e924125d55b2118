/**
 * `gauntlet schema | head`: when the reader of stdout goes away, further output is dropped and
 * the command ends quietly with its own exit code (0 for a listing), not an EPIPE stack trace.
 */
export function quietOnClosedStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdout.write = (() => true) as typeof stdout.write;
  });
}
