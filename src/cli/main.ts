import { main } from './program.js';

// The process entry (bin/gauntlet). Everything testable lives in program.ts.
main(process.argv).then((code) => {
  process.exitCode = code;
});
