import t from 'tap';
import { urlHostName, withinDomain } from '../../../src/util/host-name.js';

t.test('a URL host name loses the IPv6 brackets and is lower-case', async (t) => {
  t.equal(urlHostName('https://[::1]:5281/upload'), '::1');
  t.equal(urlHostName('wss://Upload.Example.ORG/ws'), 'upload.example.org');
  t.equal(urlHostName(new URL('http://127.0.0.1:5280/')), '127.0.0.1');
});

t.test('a name is within a domain when it is the domain or a subdomain, never a lookalike', async (t) => {
  t.ok(withinDomain('example.org', 'Example.org'));
  t.ok(withinDomain('upload.example.org', 'example.org'));
  t.notOk(withinDomain('evilexample.org', 'example.org'));
  t.notOk(withinDomain('example.org.evil.net', 'example.org'));
});
