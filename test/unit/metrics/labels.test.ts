import t from 'tap';
import { canonicalKey, correctedKey, keyName, metricKey, parseMetricKey } from '../../../src/metrics/labels.js';

t.test('keys sort labels so the same labels give the same key', async (t) => {
  t.equal(metricKey('iq_rtt'), 'iq_rtt');
  t.equal(metricKey('iq_rtt', {}), 'iq_rtt');
  t.equal(metricKey('iq_rtt', { kind: 'ping' }), 'iq_rtt{kind=ping}');
  t.equal(metricKey('x', { b: 2, a: 'one' }), metricKey('x', { a: 'one', b: 2 }));
  t.equal(metricKey('x', { b: 2, a: 'one' }), 'x{a=one,b=2}');
});

t.test('label values from the wire are tamed, never rejected', async (t) => {
  t.equal(metricKey('connections_failed', { reason: 'tls error, code=5 {x}' }), 'connections_failed{reason=tls_error__code_5__x_}');
});

t.test('bad names and label keys are refused with a hint', async (t) => {
  t.throws(() => metricKey('has space'), { code: 'config', hint: /message_e2e/ });
  t.throws(() => metricKey('ok', { 'bad-key': 1 }), { code: 'config' });
  t.throws(() => parseMetricKey('x{kind}'), { code: 'config' });
  t.throws(() => parseMetricKey('x{kind=ping'), { code: 'config' });
});

t.test('keys written by people are canonicalised', async (t) => {
  t.same(parseMetricKey(' iq_rtt { kind = "ping" } '), { name: 'iq_rtt', labels: { kind: 'ping' } });
  t.equal(canonicalKey('x{ b=2, a="1" }'), 'x{a=1,b=2}');
  t.equal(canonicalKey('message_e2e'), 'message_e2e');
});

t.test('corrected twins keep their labels', async (t) => {
  t.equal(correctedKey('message_e2e'), 'message_e2e.corrected');
  t.equal(correctedKey('iq_rtt{kind=ping}'), 'iq_rtt.corrected{kind=ping}');
  t.equal(keyName('iq_rtt{kind=ping}'), 'iq_rtt');
});
