import t from 'tap';
import { escapeHtml, html, inlineAsset, jsonForScript, SafeHtml } from '../../../src/report/html/escape.js';

t.test('escapeHtml turns every markup character into an entity', async (t) => {
  t.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  t.equal(escapeHtml('plain text'), 'plain text');
});

t.test('the html tag escapes interpolated text but keeps markup it built', async (t) => {
  const inner = html`<b>${'<i>'}</b>`;
  t.equal(html`<td>${inner}</td>`.text, '<td><b>&lt;i&gt;</b></td>');
  t.equal(html`<p>${['<x>', html`<br>`, 3]}</p>`.text, '<p>&lt;x&gt;<br>3</p>', 'arrays are joined item by item');
  t.equal(html`<p>${null}${undefined}${false}${0}</p>`.text, '<p>0</p>', 'nothing-values vanish, zero stays');
  t.equal(html`<a title="${'" onmouseover="x'}">`.text, '<a title="&quot; onmouseover=&quot;x">', 'attribute quotes cannot be closed');
  t.equal(String(new SafeHtml('<hr>')), '<hr>');
});

t.test('JSON for a script element cannot close it and parses back unchanged', async (t) => {
  const data = { text: '</script><script>alert(1)</script>', line: 'a\u2028b' };
  const encoded = jsonForScript(data);
  t.notMatch(encoded, /</, 'no < at all');
  t.notMatch(encoded, /\u2028/);
  t.same(JSON.parse(encoded), data);
});

t.test('inline assets cannot close their element early', async (t) => {
  t.equal(inlineAsset('var s = "</script>";', 'script'), 'var s = "<\\/script>";');
  t.equal(inlineAsset('a { content: "</STYLE>" }', 'style'), 'a { content: "<\\/STYLE>" }');
});
