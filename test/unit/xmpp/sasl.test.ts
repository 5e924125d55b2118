import t from 'tap';
import type tls from 'node:tls';
import { planAuthentication } from '../../../src/xmpp/sasl.js';

const tls13 = { getProtocol: () => 'TLSv1.3' } as unknown as tls.TLSSocket;
const tls12 = { getProtocol: () => 'TLSv1.2' } as unknown as tls.TLSSocket;
const prosody = ['SCRAM-SHA-1', 'PLAIN', 'SCRAM-SHA-1-PLUS'];
const everything = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256-PLUS'];

t.test('auto takes the strongest usable mechanism', async (t) => {
  t.same(planAuthentication(everything, ['tls-exporter'], tls13, {}), { mechanism: 'SCRAM-SHA-256-PLUS', binding: 'tls-exporter' });
  t.same(planAuthentication(everything, [], tls13, {}), { mechanism: 'SCRAM-SHA-256', binding: undefined },
    'TLS 1.3 and no XEP-0440 list: no binding is known to be shared, so no -PLUS');
  t.same(planAuthentication(prosody, [], tls12, {}), { mechanism: 'SCRAM-SHA-1-PLUS', binding: 'tls-unique' });
  t.same(planAuthentication(['SCRAM-SHA-1', 'SCRAM-SHA-256'], [], tls13, {}), { mechanism: 'SCRAM-SHA-256', binding: undefined });
  t.same(planAuthentication(prosody, [], undefined, {}), { mechanism: 'SCRAM-SHA-1', binding: undefined }, 'no -PLUS without TLS');
});

t.test('the binding type follows what the server lists (XEP-0440)', async (t) => {
  t.same(planAuthentication(everything, ['tls-server-end-point'], tls13, {}), {
    mechanism: 'SCRAM-SHA-256-PLUS',
    binding: 'tls-server-end-point',
  });
  t.same(planAuthentication(everything, ['tls-unique'], tls13, {}), { mechanism: 'SCRAM-SHA-256', binding: undefined },
    'nothing in common: fall back to the plain SCRAM');
  t.same(planAuthentication(everything, [], tls13, { channelBinding: 'tls-server-end-point' }).binding, 'tls-server-end-point');
});

t.test('PLAIN needs TLS unless cleartext is allowed explicitly', async (t) => {
  t.throws(() => planAuthentication(['PLAIN'], [], undefined, {}), { name: 'XmppAuthError', condition: 'no-common-mechanism' });
  t.throws(() => planAuthentication(['PLAIN'], [], undefined, { mechanism: 'PLAIN' }), {
    name: 'XmppAuthError',
    condition: 'encryption-required',
    origin: 'client',
  });
  t.same(planAuthentication(['PLAIN'], [], undefined, { mechanism: 'PLAIN', allowCleartextAuth: true }).mechanism, 'PLAIN');
  t.same(planAuthentication(['PLAIN'], [], tls13, {}).mechanism, 'PLAIN');
});

t.test('an explicit mechanism must be offered and usable', async (t) => {
  t.throws(() => planAuthentication(prosody, [], tls13, { mechanism: 'SCRAM-SHA-256' }), { name: 'XmppAuthError', condition: 'invalid-mechanism' });
  t.throws(() => planAuthentication(prosody, [], undefined, { mechanism: 'SCRAM-SHA-1-PLUS' }), {
    name: 'XmppAuthError',
    condition: 'channel-binding-unavailable',
  });
  t.same(planAuthentication(prosody, [], tls12, { mechanism: 'SCRAM-SHA-1' }), { mechanism: 'SCRAM-SHA-1', binding: undefined });
});
