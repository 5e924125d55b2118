import t from 'tap';
import { parseXml, type Element } from '../../../src/xmpp/xml.js';
import { renderJabberd2Config, type Jabberd2ConfigFiles, type Jabberd2ConfigInput } from '../../../src/lab/jabberd2-config.js';
import type { VariantName } from '../../../src/lab/types.js';

const input: Jabberd2ConfigInput = {
  variant: 'baseline',
  domains: ['a.jabberd2.lab.example', "b.o'brien.lab.example"],
  ports: { c2s: 1001, c2sDirectTls: 1002, s2s: 1003, router: 1004 },
  dir: '/lab',
  moduleDir: '/usr/lib/x86_64-linux-gnu/jabberd2',
  pemFile: '/lab/server.pem',
  caFile: '/lab/ca.pem',
  dbFile: '/lab/jabberd2.sqlite',
  routerSecret: 'router-secret',
  dialbackSecret: 'dialback-secret',
};

/** Each file parsed (the XML declaration and comment stripped). */
function parsed(variant: VariantName): Record<keyof Jabberd2ConfigFiles, Element> {
  const files = renderJabberd2Config({ ...input, variant });
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, parseXml(text.replace(/^<\?xml[^>]*\?>\s*<!--[^>]*-->\s*/, ''))])) as Record<keyof Jabberd2ConfigFiles, Element>;
}

const text = (root: Element, path: string): string | undefined => {
  let node: Element | undefined = root;
  for (const name of path.split('/')) node = node?.getChild(name);
  return node?.getText();
};

t.test('baseline: loopback, ports, both vhosts, TLS required, IBR, sqlite, secrets shared', async (t) => {
  const files = parsed('baseline');
  t.equal(text(files['router.xml'], 'local/ip'), '127.0.0.1');
  t.equal(text(files['router.xml'], 'local/port'), '1004');
  t.equal(text(files['router-users.xml'], 'user/secret'), 'router-secret');
  for (const name of ['sm.xml', 'c2s.xml', 's2s.xml'] as const) {
    t.equal(text(files[name], 'router/port'), '1004', `${name} reaches the router`);
    t.equal(text(files[name], 'router/pass'), 'router-secret', `${name} knows the router secret`);
  }
  t.same(files['sm.xml'].getChild('local')?.getChildren('id').map((id) => id.getText()), input.domains, 'the sm serves both domains (names escaped)');
  const hosts = files['c2s.xml'].getChild('local')!.getChildren('id');
  t.same(hosts.map((id) => id.getText()), input.domains);
  for (const host of hosts) t.match(host.attrs, { pemfile: '/lab/server.pem', 'require-starttls': 'true', 'register-enable': 'true' });
  t.equal(text(files['c2s.xml'], 'local/ip'), '127.0.0.1');
  t.equal(text(files['c2s.xml'], 'local/ssl-port'), '1002', 'direct TLS port');
  t.same(files['c2s.xml'].getChild('authreg')?.getChild('mechanisms')?.getChild('sasl')?.children, [], 'no SASL before TLS');
  t.same(
    files['c2s.xml'].getChild('authreg')?.getChild('ssl-mechanisms')?.getChild('sasl')?.getChildElements().map((m) => m.name),
    ['scram-sha-1', 'plain'],
    'SCRAM-SHA-1 and PLAIN after TLS, no -PLUS',
  );
  t.equal(text(files['c2s.xml'], 'authreg/sqlite/dbname'), '/lab/jabberd2.sqlite');
  t.equal(text(files['sm.xml'], 'storage/sqlite/dbname'), '/lab/jabberd2.sqlite');
  t.equal(text(files['s2s.xml'], 'local/port'), '1003');
  t.equal(text(files['s2s.xml'], 'local/secret'), 'dialback-secret');
  t.ok(files['s2s.xml'].getChild('security')?.getChild('require_tls'), 's2s TLS required');
});

t.test('each variant changes its one thing', async (t) => {
  const c2sHosts = (variant: VariantName) => parsed(variant)['c2s.xml'].getChild('local')!.getChildren('id');
  for (const host of c2sHosts('plain-before-tls')) t.notOk(host.attrs['require-starttls'], 'plain-before-tls: TLS optional');
  t.same(parsed('plain-before-tls')['c2s.xml'].getChild('authreg')?.getChild('mechanisms')?.getChild('sasl')?.getChildElements().map((m) => m.name), ['plain']);
  for (const host of c2sHosts('no-ibr')) t.match(host.attrs, { 'register-enable': undefined, 'password-change': 'true' });
  for (const host of c2sHosts('tls-legacy')) t.equal(host.attrs.ciphers, 'DEFAULT:@SECLEVEL=0');
  t.equal(text(parsed('tls-legacy')['s2s.xml'], 'local/ciphers'), 'DEFAULT:@SECLEVEL=0');
  t.notOk(parsed('s2s-cleartext')['s2s.xml'].getChild('security')?.getChild('require_tls'), 's2s-cleartext: TLS optional');
  const offline = (variant: VariantName) =>
    parsed(variant)['sm.xml'].getChild('modules')!.getChildren('chain').flatMap((chain) => chain.getChildren('module').map((m) => m.getText())).filter((m) => m === 'offline').length;
  t.ok(offline('baseline') > 0, 'baseline loads mod_offline');
  t.equal(offline('no-offline'), 0, 'no-offline drops it from every chain');
});
