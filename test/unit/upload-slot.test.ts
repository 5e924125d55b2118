import t from 'tap';
import { parseXml, slotFrom, slotRequest } from '../../src/xmpp/index.js';

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
