/**
 * What the frames check counts as one standalone element per message (RFC 7395 §3.2, §3.3.3):
 * the message shapes no fake fault sends whole, judged one by one.
 */
import t from 'tap';
import { frameProblem, hasXmlDeclaration } from '../../../src/checks/websocket/frame-document.js';

const text = (body: string) => ({ text: body, binary: false });

t.test('one element with every namespace declared in the message is fine, with or without a declaration', async (t) => {
  t.equal(frameProblem(text("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='a.example' id='1' version='1.0'/>")), undefined);
  t.equal(frameProblem(text("<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>")), undefined);
  t.equal(frameProblem(text("<?xml version='1.0'?><message xmlns='jabber:client' xml:lang='en'><body>hi</body></message>")), undefined);
  t.ok(hasXmlDeclaration(text("<?xml version='1.0'?><close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>")));
  t.notOk(hasXmlDeclaration(text("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>")));
});

t.test('each way a message fails to stand alone is named', async (t) => {
  t.match(frameProblem({ text: '', binary: true }), /binary message/);
  t.match(frameProblem(text('  ')), /no element/);
  t.match(frameProblem(text("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>")), /not exactly one complete element/);
  t.match(frameProblem(text("<message xmlns='jabber:client'><body>cut")), /not exactly one complete element/);
  // A stream prefix lent by an enclosing <stream:stream>, as over TCP, is not there over WebSocket.
  t.match(frameProblem(text("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>")), /prefix 'stream' without declaring it/);
  t.match(frameProblem(text('<message><body>hi</body></message>')), /<message> is in no namespace/);
  t.match(frameProblem(text("<iq xmlns='jabber:client' type='get' id='1'><query foo:bar='x' xmlns='jabber:iq:roster'/></iq>")), /attribute foo:bar .* undeclared prefix/);
});
