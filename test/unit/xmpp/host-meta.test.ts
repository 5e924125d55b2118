import t from 'tap';
import { linksFromJson, linksFromXrd, REL } from '../../../src/xmpp/host-meta.js';
import { parseBody } from '../../../src/xmpp/bosh-socket.js';
import { pinnedLookup } from '../../../src/util/pinned-lookup.js';

t.test('XEP-0156 XRD: the Links, declaration allowed; anything else refused', async (t) => {
  const xrd = `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel='${REL.bosh}' href='https://x.example/bosh'/><Link rel='${REL.websocket}' href='wss://x.example/ws'/></XRD>`;
  t.same(linksFromXrd(xrd), [
    { rel: REL.bosh, href: 'https://x.example/bosh' },
    { rel: REL.websocket, href: 'wss://x.example/ws' },
  ]);
  t.throws(() => linksFromXrd('<html><body/></html>'), /not an XRD/);
  t.throws(() => linksFromXrd('<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link'), /invalid XML/);
});

t.test('XEP-0156 JSON: the links with string rel and href only', async (t) => {
  t.same(linksFromJson(JSON.stringify({ links: [{ rel: REL.websocket, href: 'wss://x.example/ws' }, { rel: 1 }, null] })), [{ rel: REL.websocket, href: 'wss://x.example/ws' }]);
  t.throws(() => linksFromJson('{}'), /no "links"/);
  t.throws(() => linksFromJson('<XRD/>'));
});

t.test('a BOSH response body is parsed within the stream limits', async (t) => {
  const body = parseBody(`<body xmlns='http://jabber.org/protocol/httpbind' sid='s1' requests='2'><message xmlns='jabber:client'><body>hi</body></message></body>`);
  t.equal(body.attrs.sid, 's1');
  t.equal(body.children.length, 1);
  t.throws(() => parseBody(`<body xmlns='urn:other'/>`), /not a <body\/>/);
  t.throws(() => parseBody(`<!DOCTYPE x><body xmlns='http://jabber.org/protocol/httpbind'/>`), { name: 'XmppServerFault' });
  t.throws(() => parseBody(`<body xmlns='http://jabber.org/protocol/httpbind' x='${'a'.repeat(20 * 1024)}'/>`), /attribute/);
});

t.test('pinnedLookup answers every name with the given address', async (t) => {
  const lookup = pinnedLookup('127.0.0.1');
  const one = await new Promise((resolve) => lookup('any.example', {}, (error, address, family) => resolve([error, address, family])));
  t.same(one, [null, '127.0.0.1', 4]);
  const all = await new Promise((resolve) => lookup('any.example', { all: true }, (error, address) => resolve([error, address])));
  t.same(all, [null, [{ address: '127.0.0.1', family: 4 }]]);
});
