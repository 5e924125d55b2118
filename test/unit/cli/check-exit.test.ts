import t from 'tap';
import { checkExitCode } from '../../../src/cli/check-exit.js';
import { EXIT } from '../../../src/cli/exit-codes.js';
import type { CheckResult, Verdict } from '../../../src/checks/types.js';
import { parseLimit } from '../../../src/xmpp/limits.js';

const results = (...verdicts: Verdict[]) => verdicts.map((verdict, i) => ({ id: `c${i}`, verdict }) as CheckResult);
const none = { byUser: false, byDeadline: false };

t.test('check exit codes', async (t) => {
  t.equal(checkExitCode(results('pass', 'warn', 'skip', 'error'), none), EXIT.ok, 'one check of three could not run');
  t.equal(checkExitCode(results('pass', 'fail', 'error', 'error'), none), EXIT.checksFailed, 'a failed MUST wins');
  t.equal(checkExitCode(results('pass', 'error', 'error', 'skip', 'skip'), none), EXIT.unreachable, 'most checks that ran could not finish');
  t.equal(checkExitCode(results('skip', 'skip'), none), EXIT.ok, 'nothing could run for lack of accounts: not a network problem');
  t.equal(checkExitCode(results('pass'), { byUser: false, byDeadline: true }), EXIT.unreachable, 'the deadline passed');
  t.equal(checkExitCode(results('fail'), { byUser: true, byDeadline: false }), EXIT.interrupted);
});

t.test('--limit name=value', async (t) => {
  t.same(parseLimit('maxElementBytes=1m'), { maxElementBytes: 1024 * 1024 });
  t.same(parseLimit('maxDepth=20'), { maxDepth: 20 });
  t.throws(() => parseLimit('maxNothing=1'), /name from: maxHeaderBytes/);
  t.throws(() => parseLimit('maxDepth=0'), /positive/);
  t.throws(() => parseLimit('maxDepth=lots'));
});
