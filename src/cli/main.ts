import { installFatalHandlers } from './last-words.js';
import { quietOnClosedStdout } from './closed-stdout.js';
import { main } from './program.js';

quietOnClosedStdout();

// The process entry (bin/gauntlet). Everything testable lives in program.ts.
installFatalHandlers();
main(process.argv).then((code) => {
  process.exitCode = code;
});
