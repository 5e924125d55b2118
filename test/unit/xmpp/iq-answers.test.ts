import t from 'tap';
import { answerIq } from '../../../src/xmpp/iq-answers.js';
import { parseXml } from '../../../src/xmpp/xml.js';

t.test('pings and roster pushes get a result addressed back', async (t) => {
  const ping = answerIq(parseXml("<iq type='get' id='p1' from='example.org'><ping xmlns='urn:xmpp:ping'/></iq>"));
  t.same(ping?.attrs, { id: 'p1', type: 'result', to: 'example.org' });
  const push = answerIq(parseXml("<iq type='set' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@b'/></query></iq>"));
  t.equal(push?.attrs.type, 'result');
  t.equal(push?.attrs.id, 'r1');
});

t.test('any other request is refused with service-unavailable (RFC 6120 §8.2.3)', async (t) => {
  const reply = answerIq(parseXml("<iq type='get' id='v1' from='x@y/z'><query xmlns='jabber:iq:version'/></iq>"));
  t.equal(reply?.attrs.type, 'error');
  t.equal(reply?.attrs.to, 'x@y/z');
  t.ok(reply?.getChild('error')?.getChild('service-unavailable', 'urn:ietf:params:xml:ns:xmpp-stanzas'));
  t.ok(reply?.getChild('query', 'jabber:iq:version'), 'the request payload is echoed');
  t.equal(answerIq(parseXml("<iq type='set' id='s1'><ping xmlns='urn:xmpp:ping'/></iq>"))?.attrs.type, 'error', 'a ping is a get, not a set');
});

t.test('results, errors and other stanzas are never answered', async (t) => {
  t.equal(answerIq(parseXml("<iq type='result' id='x'/>")), undefined);
  t.equal(answerIq(parseXml("<iq type='error' id='x'/>")), undefined);
  t.equal(answerIq(parseXml("<message><body>hi</body></message>")), undefined);
});
