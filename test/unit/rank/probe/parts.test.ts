import t from 'tap';
import { anonymousOrNull, cipherBits, forwardSecret } from '../../../../src/rank/probe/cipher-facts.js';
import { orderSrv } from '../../../../src/rank/probe/dns.js';
import { endpointsOf } from '../../../../src/rank/probe/endpoints.js';
import { registrationFields } from '../../../../src/rank/probe/features.js';
import { formFields } from '../../../../src/rank/probe/inventory.js';
import { settleProbeOptions } from '../../../../src/rank/probe/options.js';
import { createPacer } from '../../../../src/rank/probe/pacer.js';
import { parseXml } from '../../../../src/xmpp/index.js';
import type { DnsFacts } from '../../../../src/rank/facts.js';

t.test('suite strength and forward secrecy from the suite name', async (t) => {
  t.equal(cipherBits('ECDHE-RSA-AES128-GCM-SHA256'), 128);
  t.equal(cipherBits('TLS_AES_256_GCM_SHA384'), 256);
  t.equal(cipherBits('ECDHE-RSA-CHACHA20-POLY1305'), 256);
  t.equal(cipherBits('DES-CBC3-SHA'), 112);
  t.equal(cipherBits('NULL-SHA256'), 0);
  t.equal(cipherBits('ADH-AES256-GCM-SHA384'), 256, 'anonymous is not NULL encryption');
  t.ok(forwardSecret('ECDHE-ECDSA-AES128-SHA', 'TLSv1.2'));
  t.ok(forwardSecret('DHE-RSA-AES256-GCM-SHA384', 'TLSv1.2'));
  t.notOk(forwardSecret('AES128-GCM-SHA256', 'TLSv1.2'), 'static RSA');
  t.ok(forwardSecret('TLS_AES_128_GCM_SHA256', 'TLSv1.3'));
  t.ok(anonymousOrNull('ADH-AES128-SHA'));
  t.ok(anonymousOrNull('ECDHE-RSA-NULL-SHA'));
  t.notOk(anonymousOrNull('ECDHE-RSA-AES128-SHA'));
});

t.test('SRV records in priority then weight order; "." means no service', async (t) => {
  t.same(
    orderSrv([
      { name: 'b.example.', port: 5222, priority: 10, weight: 5 },
      { name: 'a.example', port: 5223, priority: 0, weight: 1 },
      { name: 'c.example', port: 5224, priority: 0, weight: 9 },
      { name: '.', port: 0, priority: 0, weight: 0 },
    ]).map((r) => `${r.target}:${r.port}`),
    ['c.example:5224', 'a.example:5223', 'b.example:5222'],
  );
});

t.test('endpoints: the entry wins, then SRV, then the domain on the standard ports', async (t) => {
  const dns: DnsFacts = {
    clientSrv: [{ target: 'xmpp.example', port: 5223, priority: 0, weight: 0 }],
    clientTlsSrv: [{ target: 'tls.example', port: 443, priority: 0, weight: 0 }],
    serverSrv: [],
    serverTlsSrv: [],
    addresses: [],
    tlsa: [],
  };
  t.same(endpointsOf({ domain: 'example.org' }, dns), {
    c2s: { host: 'xmpp.example', port: 5223 },
    c2sDirect: { host: 'tls.example', port: 443 },
    s2s: { host: 'example.org', port: 5269 },
  });
  t.same(endpointsOf({ domain: 'example.org', host: '127.0.0.1', port: 1, s2sPort: 2 }, dns), {
    c2s: { host: '127.0.0.1', port: 1 },
    c2sDirect: undefined,
    s2s: { host: '127.0.0.1', port: 2 },
  }, 'an entry given by address ignores SRV (and has direct TLS only when it names the port)');
  t.same(endpointsOf({ domain: 'example.org' }, undefined).c2s, { host: 'example.org', port: 5222 });
});

t.test('registration form fields: data form vars, else legacy child names', async (t) => {
  const form = parseXml(`<query xmlns='jabber:iq:register'><instructions>hi</instructions><x xmlns='jabber:x:data' type='form'>
    <field var='FORM_TYPE' type='hidden'><value>jabber:iq:register</value></field><field var='username'/><field var='password'/><field var='ocr'/></x></query>`);
  t.same(registrationFields(form), ['username', 'password', 'ocr']);
  const legacy = parseXml(`<query xmlns='jabber:iq:register'><instructions>x</instructions><username/><password/><email/></query>`);
  t.same(registrationFields(legacy), ['username', 'password', 'email']);
  const many = parseXml(`<query xmlns='jabber:iq:register'>${Array.from({ length: 100 }, (_, i) => `<f${i}/>`).join('')}</query>`);
  t.equal(registrationFields(many).length, 32, 'a remote list is capped');
});

t.test('XEP-0128 form fields by FORM_TYPE (XEP-0157 contacts, XEP-0363 size)', async (t) => {
  const info = parseXml(`<query xmlns='http://jabber.org/protocol/disco#info'>
    <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>urn:xmpp:http:upload:0</value></field><field var='max-file-size'><value>1048576</value></field></x>
    <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>http://jabber.org/network/serverinfo</value></field>
      <field var='abuse-addresses'><value>mailto:abuse@example.org</value><value>xmpp:abuse@example.org</value></field></x></query>`);
  t.same(formFields(info, 'http://jabber.org/network/serverinfo'), { 'abuse-addresses': ['mailto:abuse@example.org', 'xmpp:abuse@example.org'] });
  t.same(formFields(info, 'urn:xmpp:http:upload:0'), { 'max-file-size': ['1048576'] });
  t.equal(formFields(info, 'urn:other'), undefined);
});

t.test('options: defaults, and the parallel count held to 1–3', async (t) => {
  t.equal(settleProbeOptions({}).maxParallelPerHost, 2);
  t.equal(settleProbeOptions({ maxParallelPerHost: 50 }).maxParallelPerHost, 3);
  t.equal(settleProbeOptions({ maxParallelPerHost: 0 }).maxParallelPerHost, 1);
});

t.test('the pacer never exceeds its parallel count and stops on abort', async (t) => {
  const pacer = createPacer(2, 0);
  let active = 0;
  let peak = 0;
  await Promise.all(Array.from({ length: 6 }, () => pacer.run(async () => {
    peak = Math.max(peak, ++active);
    await new Promise((resolve) => setImmediate(resolve));
    active--;
  })));
  t.equal(peak, 2, 'at most two at once');
  t.equal(pacer.started, 6);
  const controller = new AbortController();
  const stopped = createPacer(1, 0, controller.signal);
  controller.abort();
  await t.rejects(stopped.run(async () => 1), { name: 'Error', message: 'probe aborted' });
  t.equal(stopped.started, 0, 'nothing started after abort');
});
