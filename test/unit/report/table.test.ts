import t from 'tap';
import { renderTable } from '../../../src/report/table.js';

t.test('the first column is left-aligned, the others right-aligned under a rule', async (t) => {
  const text = renderTable(['name', 'count'], [['login_total', '2'], ['bind', '1000']]);
  t.equal(text, ['name         count', '───────────  ─────', 'login_total      2', 'bind          1000'].join('\n'));
});

t.test('coloured cells take only their visible width', async (t) => {
  const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
  const lines = renderTable(['threshold', 'p99'], [['a: count == 0', red('12ms')], ['b', '7ms']]).split('\n');
  const plainWidths = lines.map((line) => line.replace(/\x1b\[\d+m/g, '').length);
  t.same(plainWidths, [plainWidths[1], plainWidths[1], plainWidths[1], plainWidths[1]], 'header, rule and rows end in the same column');
});

t.test('a column holding text is left-aligned, even when coloured', async (t) => {
  const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
  const lines = renderTable(['check', 'verdict', 'took'], [['a.long.check', red('fail'), '12ms'], ['b', 'pass', '7ms']])
    .split('\n')
    .map((line) => line.replace(/\x1b\[\d+m/g, ''));
  t.same(lines, ['check         verdict  took', '────────────  ───────  ────', 'a.long.check  fail     12ms', 'b             pass      7ms']);
});
