import t from 'tap';
import { renderTemplate } from '../../../src/steps/template.js';

const values = { user: 'load7', n: 7, seq: 3, domain: 'a.example', iteration: 2 };

t.test('renders every supported placeholder', async (t) => {
  t.equal(renderTemplate('{user}@{domain} #{n} seq {seq} it {iteration}', values), 'load7@a.example #7 seq 3 it 2');
});

t.test('{n+K} and {n-K} address another user by index', async (t) => {
  t.equal(renderTemplate('user{n+1}@{domain}', values), 'user8@a.example');
  t.equal(renderTemplate('user{n-2}', values), 'user5');
  t.equal(renderTemplate('user{n + 10}', values), 'user17');
});

t.test('unknown braces and text without placeholders pass through unchanged', async (t) => {
  t.equal(renderTemplate('{"json": {other}}', values), '{"json": {other}}');
  t.equal(renderTemplate('plain text', values), 'plain text');
});

t.test('repeated placeholders are all replaced', async (t) => {
  t.equal(renderTemplate('{n}-{n}-{n}', values), '7-7-7');
});
