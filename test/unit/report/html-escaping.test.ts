import t from 'tap';
import { renderHtmlReport } from '../../../src/report/html/index.js';
import { ESCAPED_PAYLOAD as ESCAPED, PAYLOAD, hostileResult, sampleCheck, sampleResult } from './html-fixture.js';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

t.test('text from the server or the scenario never becomes markup', async (t) => {
  const baseline = renderHtmlReport(sampleResult({ checks: [sampleCheck()] }));
  const page = renderHtmlReport(hostileResult());
  t.equal(count(page, /<script/gi), count(baseline, /<script/gi), 'no script element added');
  t.equal(count(baseline, /<script/gi), 3, 'the page has its data and two scripts');
  t.equal(count(page, /<img/gi), 0, 'no img element');
  t.notMatch(page, /<script>alert/, 'the payload opens no element anywhere');
  for (const where of ['<h1>', '<title>', '<td>the server said ', '<td class="mono">stream error: ', '<td class="mono">', '<div class="muted">']) {
    t.ok(page.includes(`${where}${ESCAPED}`), `escaped after ${where}`);
  }
  t.ok(page.includes(`&lt;text&gt;${ESCAPED}&lt;/text&gt;`), 'the wire log shows the XML as text');
});

t.test('hostile text inside the chart data stays data', async (t) => {
  const page = renderHtmlReport(hostileResult());
  const json = /<script type="application\/json" id="charts-data">([^<]*)<\/script>/.exec(page);
  t.ok(json, 'the data element is closed where it should be');
  const data = JSON.parse(json![1]!);
  t.equal(data.timeline.phases[0].name, PAYLOAD, 'the phase name arrives intact for the chart label');
  t.ok(data.timeline.charts.some((chart: { series: { label: string }[] }) => chart.series.some((s) => s.label.includes('</script><script>'))), 'a metric key with a wire value is a series label');
});
