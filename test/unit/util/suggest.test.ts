import t from 'tap';
import { closest, editDistance, suggestionHint } from '../../../src/util/suggest.js';

t.test('edit distance counts a swap of neighbours as one edit', async (t) => {
  t.equal(editDistance('type', 'type'), 0);
  t.equal(editDistance('tpye', 'type'), 1);
  t.equal(editDistance('mesage', 'message'), 1);
  t.equal(editDistance('', 'abc'), 3);
  t.equal(editDistance('kitten', 'sitting'), 3);
});

t.test('closest ignores case and separators, and refuses far matches', async (t) => {
  const keys = ['allow_cleartext_auth', 'domain', 'domains', 'host', 'port'];
  t.equal(closest('allowCleartextAuth', keys), 'allow_cleartext_auth');
  t.equal(closest('allow-cleartext-auth', keys), 'allow_cleartext_auth');
  t.equal(closest('domian', keys), 'domain');
  t.equal(closest('prot', keys), 'port');
  t.equal(closest('certificate', keys), undefined);
});

t.test('hints name the likely word or list the choices', async (t) => {
  t.equal(suggestionHint('hots', ['host', 'port']), "did you mean 'host'?");
  t.equal(suggestionHint('zzz', ['host', 'port'], 'allowed keys'), 'allowed keys: host, port');
});
