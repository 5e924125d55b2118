import t from 'tap';
import { onTarget } from '../../../src/engine/http-load.js';
import type { ResolvedTarget } from '../../../src/engine/target.js';

const resolved = {
  connection: { domain: 'example.org', host: '192.0.2.7', port: 5222, tls: 'starttls', allowCleartextAuth: false },
  summary: { domain: 'example.org', host: '192.0.2.7', port: 5222, tls: 'starttls', via: 'explicit' },
} as ResolvedTarget;

t.test('HTTP load goes to the target domain, its subdomains and target.host only', async (t) => {
  for (const url of ['https://example.org/.well-known/host-meta', 'https://upload.Example.org:5443/slot/1', 'https://192.0.2.7:8443/http-bind']) {
    t.equal(onTarget(url, resolved), url, `${url} is on the target`);
  }
  for (const url of ['https://example.com/', 'https://evilexample.org/', 'https://example.org.evil.net/', 'https://192.0.2.8/']) {
    t.throws(() => onTarget(url, resolved), { code: 'config', message: /is not on the target \(example\.org\)/ }, `${url} is refused`);
  }
});
