/** Each check's rule (keyword, section, paraphrase) reaches the HTML checks table and JUnit. */
import t from 'tap';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { checkTestcase } from '../../../src/report/junit/testcases.js';
import { sampleCheck, sampleResult } from './html-fixture.js';

const withRules = sampleCheck({
  id: 'rfc6120.stream.restricted-xml-comment',
  verdict: 'warn',
  rule: { section: 'RFC 6120 §11.1', keyword: 'MUST', says: 'restricted XML closes the stream with a stream error' },
  secondaryRule: { section: 'RFC 6120 §11.1', keyword: 'SHOULD', says: 'the condition is restricted-xml' },
});

t.test('the HTML checks table shows the rule and the secondary rule', async (t) => {
  const page = renderHtmlReport(sampleResult({ checks: [withRules], thresholds: [] }));
  t.match(page, /<div class="muted">MUST \(RFC 6120 §11\.1\): restricted XML closes the stream with a stream error; then SHOULD \(RFC 6120 §11\.1\): the condition is restricted-xml<\/div>/);
});

t.test('JUnit carries the rule next to the citation', async (t) => {
  const testcase = checkTestcase(withRules);
  t.match(testcase.systemOut, /rule: MUST \(RFC 6120 §11\.1\): restricted XML closes the stream with a stream error; then SHOULD/);
  const noKeyword = checkTestcase(sampleCheck({ verdict: 'info', level: 'INFO', rule: { section: 'XEP-0077 §3.2', keyword: 'none', says: 'lists the error' } }));
  t.match(noKeyword.systemOut, /rule: no keyword \(XEP-0077 §3\.2\): lists the error/);
});
