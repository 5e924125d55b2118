import t from 'tap';
import { EXPECTATIONS_FORMAT, diffVerdicts, parseExpectations, renderExpectations, renderVerdictChanges } from '../../../src/checks/expectations.js';
import type { CheckResult, Verdict } from '../../../src/checks/types.js';

const result = (id: string, verdict: Verdict): CheckResult => ({ id, title: id, area: 'stream', level: 'MUST', spec: [], tags: [], verdict, reason: '', durationMs: 1, wire: [] });

t.test('only a verdict that got worse is a regression; fixed ones are named', async (t) => {
  const diff = diffVerdicts(
    { 'a.known-fail': 'fail', 'a.known-warn': 'warn', 'a.was-pass': 'pass', 'a.was-warn': 'warn', 'a.was-fail': 'fail', 'a.gone': 'fail', 'a.skip': 'skip', 'a.lost': 'pass', 'a.fail-skips': 'fail', 'a.skip-warns': 'skip' },
    { 'a.known-fail': 'fail', 'a.known-warn': 'warn', 'a.was-pass': 'error', 'a.was-warn': 'fail', 'a.was-fail': 'pass', 'a.new': 'fail', 'a.new-pass': 'pass', 'a.skip': 'pass', 'a.lost': 'skip', 'a.fail-skips': 'skip', 'a.skip-warns': 'warn' },
  );
  t.same(diff.worse.map((c) => c.id), ['a.lost', 'a.new', 'a.skip-warns', 'a.was-pass', 'a.was-warn'], 'worse: more bad, or a clean verdict now skipped');
  t.same(diff.fixed.map((c) => c.id), ['a.was-fail']);
  t.same(diff.changes.filter((c) => c.kind === 'changed').map((c) => [c.id, c.expected, c.actual]), [['a.fail-skips', 'fail', 'skip'], ['a.gone', 'fail', undefined], ['a.skip', 'skip', 'pass']]);
  const text = renderVerdictChanges(diff, 'against the expectations');
  t.match(text, /5 worse, 1 fixed, 3 other change\(s\)/);
  t.match(text, /WORSE +a\.new: \(none\) → fail/);
  t.match(text, /fixed +a\.was-fail: fail → pass/);
  t.equal(renderVerdictChanges(diffVerdicts({ x: 'fail' }, { x: 'fail' }), 'h'), 'h: no verdict changed\n');
});

t.test('expectations round-trip through the YAML file, and a result.json is accepted as is', async (t) => {
  const checks = [result('a.one', 'fail'), result('a.two', 'pass')];
  const yaml = renderExpectations(checks, 'localhost');
  t.match(yaml, /^# Verdicts gauntlet check expects from localhost/);
  t.match(yaml, new RegExp(`format: ${EXPECTATIONS_FORMAT}`));
  t.same(parseExpectations(yaml, 'e.yaml'), { 'a.one': 'fail', 'a.two': 'pass' });
  t.same(parseExpectations(JSON.stringify({ format: 'xmpp-gauntlet/result@1', checks }), 'result.json'), { 'a.one': 'fail', 'a.two': 'pass' });
});

t.test('a file that is not expectations is refused with the reason', async (t) => {
  t.throws(() => parseExpectations('format: something-else\nchecks: {}\n', 'x.yaml'), /x\.yaml cannot be used as expectations: expected a result\.json/);
  t.throws(() => parseExpectations(`format: ${EXPECTATIONS_FORMAT}\nchecks: { a.one: broken }\n`, 'x.yaml'), /check a\.one: "broken" is not a verdict/);
  t.throws(() => parseExpectations('{ not: [valid', 'x.yaml'), /neither JSON nor YAML/);
});
