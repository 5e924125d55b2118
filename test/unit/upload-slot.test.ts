import t from 'tap';
import { NS, parseXml, slotFrom, slotRequest, uploadServiceAt, xml } from '../../src/xmpp/index.js';
import { FakeSession } from '../helpers/fake-session.js';

const result = (put: string, get = "<get url='https://upload.example/f/a.bin'/>") =>
  parseXml(`<iq type='result' xmlns='jabber:client'><slot xmlns='urn:xmpp:http:upload:0'>${put}${get}</slot></iq>`);

t.test('a slot keeps the PUT headers XEP-0363 allows and drops the rest', async (t) => {
  const slot = slotFrom(result("<put url='https://upload.example/f/a.bin'><header name='Authorization'>Basic x</header><header name='Host'>evil</header><header name='Cookie'>a=b\r\nX: y</header></put>"));
  t.same(slot, { putUrl: 'https://upload.example/f/a.bin', getUrl: 'https://upload.example/f/a.bin', putHeaders: { authorization: 'Basic x', cookie: 'a=bX: y' } });
});

t.test('a result without a usable slot is refused', async (t) => {
  t.throws(() => slotFrom(parseXml("<iq type='result' xmlns='jabber:client'/>")), /no <slot\/>/);
  t.throws(() => slotFrom(result("<put url='file:///etc/passwd'/>")), /not HTTP\(S\)/);
});

t.test('the request names the file, its size and type', async (t) => {
  const request = slotRequest('upload.example', { filename: 'a.bin', size: 42, contentType: 'application/octet-stream' });
  const child = request.getChild('request', 'urn:xmpp:http:upload:0');
  t.equal(request.attrs.to, 'upload.example');
  t.same(child?.attrs, { xmlns: 'urn:xmpp:http:upload:0', filename: 'a.bin', size: '42', 'content-type': 'application/octet-stream' });
});

t.test("max-file-size is read from the form typed urn:xmpp:http:upload:0 first, as sent and as bytes", async (t) => {
  const form = (type: string, size: string) =>
    xml('x', { xmlns: 'jabber:x:data', type: 'result' }, xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, type)), xml('field', { var: 'max-file-size' }, xml('value', {}, size)));
  const serviceWith = async (...forms: ReturnType<typeof xml>[]) => {
    const session = new FakeSession('user@example.org/r');
    session.iqHandler = (iq) => xml('iq', { type: 'result', id: iq.attrs.id, from: iq.attrs.to }, xml('query', { xmlns: NS.discoInfo }, xml('feature', { var: NS.httpUpload }), ...forms));
    return uploadServiceAt(session.asSession(), 'upload.example.org');
  };
  t.same(await serviceWith(form('urn:xmpp:http:upload', '500'), form(NS.httpUpload, '1048576')), { jid: 'upload.example.org', maxFileSizeText: '1048576', maxFileSize: 1048576 });
  t.same(await serviceWith(form(NS.httpUpload, '1 MB')), { jid: 'upload.example.org', maxFileSizeText: '1 MB' }, 'not a byte count: kept as text only');
  t.same(await serviceWith(), { jid: 'upload.example.org' }, 'no form: no limit advertised');
});
