import t from 'tap';
import { renderTemplate } from '../../../src/steps/template.js';

const values = { user: 'load7', n: 7, seq: 3, domain: 'a.example' };

t.test('renders every placeholder', async (t) => {
  t.equal(renderTemplate('{user}@{domain} #{n} seq {seq}', values), 'load7@a.example #7 seq 3');
});

t.test('repeated placeholders are all replaced', async (t) => {
  t.equal(renderTemplate('{n}-{n}-{seq}', values), '7-7-3');
});

t.test('{{ and }} are literal braces, and are not rendered again', async (t) => {
  t.equal(renderTemplate('{{"n": {n}}}', values), '{"n": 7}');
  t.equal(renderTemplate('{{user}}', values), '{user}');
});

t.test('text without placeholders passes through unchanged', async (t) => {
  t.equal(renderTemplate("<message type='chat'/>", values), "<message type='chat'/>");
});
