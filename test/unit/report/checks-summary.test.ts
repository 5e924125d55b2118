import t from 'tap';
import { Chalk } from 'chalk';
import { renderChecksSummary } from '../../../src/report/checks-summary.js';
import type { CheckResult, Verdict } from '../../../src/checks/types.js';

const plain = new Chalk({ level: 0 });
const result = (id: string, area: CheckResult['area'], verdict: Verdict, level: CheckResult['level'] = 'MUST'): CheckResult => ({
  id, title: id, area, level, spec: [{ doc: 'RFC 6120', section: '4' }], tags: [], verdict, reason: `${verdict} because`, durationMs: 1, wire: [],
});

t.test('counts per area, the non-passing checks worst first, the verdict line', async (t) => {
  const text = renderChecksSummary(
    [
      result('rfc6120.stream.a', 'stream', 'pass'),
      result('rfc6120.stream.b', 'stream', 'warn', 'SHOULD'),
      result('rfc6120.sasl.c', 'sasl', 'error'),
      result('rfc6120.sasl.d', 'sasl', 'fail'),
      result('rfc6120.sasl.e', 'sasl', 'info', 'INFO'),
    ],
    plain,
  );
  t.match(text, /checks +fail +error +warn +skip +info +pass +total/);
  t.match(text, /stream +- +- +1 +- +- +1 +2/);
  t.match(text, /sasl +1 +1 +- +- +1 +- +3/);
  t.match(text, /all +1 +1 +1 +0 +1 +1 +5/);
  const lines = text.split('\n').filter((line) => /^(fail|error|warn|info) /.test(line));
  t.same(lines.map((line) => line.split(' ')[0]), ['fail', 'error', 'warn', 'info'], 'worst first; passes not listed');
  t.match(text, /fail  rfc6120\.sasl\.d \[MUST\] — fail because/);
  t.match(text, /1 MUST check\(s\) failed \(1 could not run: tool or network problems\)/);
});

t.test('nothing failed; nothing selected', async (t) => {
  t.match(renderChecksSummary([result('rfc6120.stream.a', 'stream', 'pass')], plain), /no MUST check failed/);
  t.equal(renderChecksSummary([], plain), 'checks: none selected\n');
});

t.test('security-profile failures are counted apart from the MUST failures', async (t) => {
  const text = renderChecksSummary([result('rfc6120.stream.a', 'stream', 'fail'), result('gauntlet.security.b', 'security', 'fail', 'SECURITY')], plain);
  t.match(text, /1 MUST check\(s\) failed; 1 security-profile check\(s\) failed/);
  t.match(text, /fail  gauntlet\.security\.b \[SECURITY\]/);
});
