import t from 'tap';
import { renderTable } from '../../../src/report/table.js';

t.test('the first column is left-aligned, the others right-aligned under a rule', async (t) => {
  const text = renderTable(['name', 'count'], [['login_total', '2'], ['bind', '1000']]);
  t.equal(text, ['name         count', '───────────  ─────', 'login_total      2', 'bind          1000'].join('\n'));
});
