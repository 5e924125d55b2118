import t from 'tap';
import { CATALOGUE, parseSelectors, selectChecks } from '../../../src/checks/index.js';
import { assertCatalogue } from '../../../src/checks/registry.js';
import type { CheckDefinition } from '../../../src/checks/types.js';

const run = async () => ({ outcome: 'pass' as const, reason: '' });
const fake: CheckDefinition[] = [
  { id: 'rfc6120.stream.a', title: '', area: 'stream', level: 'MUST', spec: [{ doc: 'RFC 6120', section: '4' }], legacy: [{ doc: 'RFC 3920', section: '4' }], run },
  { id: 'rfc6120.stream.b', title: '', area: 'stream', level: 'SHOULD', spec: [{ doc: 'RFC 6120', section: '4' }], tags: ['serial'], run },
  { id: 'rfc6121.roster.c', title: '', area: 'roster', level: 'MUST', spec: [{ doc: 'RFC 6121', section: '2' }], run },
  { id: 'xep0077.register.d', title: '', area: 'register', level: 'MUST', spec: [{ doc: 'XEP-0077', section: '3.1' }], run },
];
const ids = (select: string[], skip: string[] = []) => selectChecks(fake, { select, skip }).map((c) => c.id);

t.test('selectors: id, glob, prefix, area, tag, spec name', async (t) => {
  t.same(ids([]), fake.map((c) => c.id), 'nothing selected = everything');
  t.same(ids(['rfc6120.stream.a']), ['rfc6120.stream.a']);
  t.same(ids(['rfc6120.stream.*']), ['rfc6120.stream.a', 'rfc6120.stream.b']);
  t.same(ids(['*.c']), ['rfc6121.roster.c']);
  t.same(ids(['rfc6121']), ['rfc6121.roster.c'], 'spec name without space');
  t.same(ids(['RFC 6121']), ['rfc6121.roster.c']);
  t.same(ids(['xep-0077']), ['xep0077.register.d']);
  t.same(ids(['rfc3920']), ['rfc6120.stream.a'], 'legacy citations count');
  t.same(ids(['roster', 'serial']), ['rfc6120.stream.b', 'rfc6121.roster.c'], 'area and tag');
  t.same(ids([], ['stream']), ['rfc6121.roster.c', 'xep0077.register.d'], 'skip');
  t.same(parseSelectors('a, b,,c'), ['a', 'b', 'c']);
});

t.test('a selector matching nothing is refused', async (t) => {
  t.throws(() => ids(['rfc6120.strem.*']), { code: 'usage', message: /no check matches "rfc6120.strem.\*"/ });
  t.throws(() => ids([], ['nothing-like-this']), { code: 'usage' });
});

t.test('the catalogue: unique ids, each cites a section', async (t) => {
  t.throws(() => assertCatalogue([fake[0]!, fake[0]!]), { code: 'internal', message: /share the id/ });
  t.throws(() => assertCatalogue([{ ...fake[0]!, spec: [] }]), { message: /cites no spec section/ });
  t.equal(new Set(CATALOGUE.map((c) => c.id)).size, CATALOGUE.length);
  for (const c of CATALOGUE) t.ok(/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(c.id), `${c.id} is dotted lower-case`);
});
