import t from 'tap';
import { GauntletError, isGauntletError } from '../../../src/util/errors.js';

t.test('GauntletError carries a code and a hint', async (t) => {
  const error = new GauntletError('config', 'bad scenario', { hint: 'fix line 3' });
  t.equal(error.code, 'config');
  t.equal(error.hint, 'fix line 3');
  t.ok(isGauntletError(error));
  t.notOk(isGauntletError(new Error('plain')));
});
