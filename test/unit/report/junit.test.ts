import t, { type Test } from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJunit } from '../../../src/report/junit/render.js';
import { cdata, escapeXmlAttribute, escapeXmlText, legalXmlChars } from '../../../src/report/junit/xml.js';
import { SOURCE } from '../../fixtures/junit/source.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'junit');

/** Durations and timestamps change from run to run; the golden file holds them masked. */
function maskVolatile(xml: string): string {
  return xml.replace(/ (time|timestamp|hostname)="[^"]*"/g, ' $1="*"');
}

function golden(t: Test, name: string, actual: string): void {
  const file = join(FIXTURES, name);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(file, actual);
  t.equal(actual, readFileSync(file, 'utf8'), `matches ${name} (UPDATE_GOLDEN=1 rewrites it)`);
}

t.test('checks and thresholds as testcases: golden file, volatile fields masked', async (t) => {
  golden(t, 'run.xml', maskVolatile(renderJunit(SOURCE)));
});

t.test('a run without checks has only the thresholds suite', async (t) => {
  golden(t, 'thresholds-only.xml', maskVolatile(renderJunit({ ...SOURCE, checks: undefined, thresholds: SOURCE.thresholds.slice(0, 1) })));
});

t.test('counts, verdict mapping and timings are right before masking', async (t) => {
  const xml = renderJunit(SOURCE);
  t.match(xml, /<testsuites name="xmpp-gauntlet conformance &amp; &lt;load&gt;" tests="9" failures="3" errors="1" time="10\.000">/);
  t.match(xml, /<testsuite name="conformance" tests="6" failures="1" errors="1" skipped="1" time="10\.000" timestamp="2026-11-27T03:00:00\.000Z">/);
  t.match(xml, /classname="xmpp\.sasl" name="rfc6120\.sasl\.failure-condition — Bad credentials get &lt;not-authorized\/&gt;" time="1\.235"/);
  t.match(xml, /<skipped message="in-band registration is &quot;disabled&quot;"\/>/);
  t.match(xml, /<system-out>WARNING \(SHOULD not met\): SHOULD RFC 6120 §6\.4\.2\nstream closed after a space/);
  t.match(xml, /<testcase classname="thresholds" name="login_total: max &lt; 1us">\n\s+<failure message="observed 80\.1 ms" type="threshold">/);
  t.match(xml, /<failure message="not measured \(no samples recorded for presence_e2e\)"/);
});

t.test('a threshold that passed at the end but failed for a while says when', async (t) => {
  const xml = renderJunit({ ...SOURCE, checks: [], thresholds: [{ metric: 'iq_rtt', expression: 'p(99) < 50ms', observed: 12, unit: 'ms', ok: true, firstFailedAtMs: 3210 }] });
  t.match(xml, /<system-out>observed 12 ms; it was failing 3\.2s into the load<\/system-out>/);
});

t.test('escaping: markup, quotes, whitespace in attributes, illegal XML characters, ]]> in CDATA', async (t) => {
  t.equal(escapeXmlText('a<b>&c'), 'a&lt;b&gt;&amp;c');
  t.equal(escapeXmlAttribute('"x"\n\ty\r'), '&quot;x&quot;&#10;&#9;y&#13;');
  t.equal(legalXmlChars('a\u0000b\u0007c\u001Fd\uFFFEe\uD800f'), 'a\\x00b\\x07c\\x1fd\\ufffee\\ud800f');
  t.equal(legalXmlChars('tab\tnl\n😀'), 'tab\tnl\n😀', 'tab, newline and surrogate pairs are legal');
  t.equal(cdata('x]]>y'), '<![CDATA[x]]]]><![CDATA[>y]]>');
  t.equal(cdata('a\r\nb'), '<![CDATA[a]]>&#13;<![CDATA[\nb]]>');
});
