import { installFatalHandlers } from './last-words.js';
import { main } from './program.js';

// The process entry (bin/gauntlet). Everything testable lives in program.ts.
installFatalHandlers();
main(process.argv).then((code) => {
  process.exitCode = code;
});
