import t from 'tap';
import { renderTable } from '../../../src/report/table.js';

t.test('the first column is left-aligned, the others right-aligned under a rule', async (t) => {
  const text = renderTable(['name', 'count'], [['login_total', '2'], ['bind', '1000']]);
  t.equal(text, ['name         count', '───────────  ─────', 'login_total      2', 'bind          1000'].join('\n'));
});

t.test('coloured cells take only their visible width', async (t) => {
  const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
  const lines = renderTable(['threshold', 'verdict'], [['a: count == 0', red('FAIL')], ['b', 'pass']]).split('\n');
  const plainWidths = lines.map((line) => line.replace(/\x1b\[\d+m/g, '').length);
  t.same(plainWidths, [plainWidths[1], plainWidths[1], plainWidths[1], plainWidths[1]], 'header, rule and rows end in the same column');
});
