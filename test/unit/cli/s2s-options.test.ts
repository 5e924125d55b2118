import t from 'tap';
import { Command } from 'commander';
import { addS2sOptions, externalPeerSettings, type S2sFlags } from '../../../src/cli/s2s-options.js';

function parse(args: string[]): S2sFlags {
  const command = addS2sOptions(new Command('check').exitOverride().configureOutput({ writeErr: () => undefined }));
  command.parse(['node', 'check', ...args]);
  return command.opts<S2sFlags>();
}

t.test('the --peer-* options become the peers settings', async (t) => {
  const flags = parse(['--s2s-port', '5270', '--peer-dns', 'embedded:10.0.0.9:53', '--peer-listen', '10.0.0.9:0', '--peer-domain', 'a.example,B.example', '--peer-domain', 'c.example', '--peer-cert', 'a.example=a.pem,a.key', '--peer-ca', 'ca-dir', '--peer-auth', 'external']);
  t.equal(flags.s2sPort, 5270);
  const settings = externalPeerSettings(flags, false)!;
  t.match(settings, {
    discovery: { kind: 'embedded-dns', address: '10.0.0.9', port: 53 },
    listen: { host: '10.0.0.9', port: 0 },
    domains: ['a.example', 'b.example', 'c.example'],
    auth: 'external',
  });
  t.match(settings.certificates?.[0], { domain: 'a.example', certFile: /\/a\.pem$/, keyFile: /\/a\.key$/ });
  t.match(settings.caDir, /\/ca-dir$/, 'resolved to an absolute path');
});

t.test('hosts listens on 5269 by default; no --peer-* option means no peers', async (t) => {
  t.same(externalPeerSettings(parse(['--peer-dns', 'hosts', '--peer-domain', 'p.example']), false)?.listen, { host: '0.0.0.0', port: 5269 });
  t.equal(externalPeerSettings(parse(['--s2s-port', '5269']), false), undefined);
});

t.test('refusals: bad values, peers without --peer-dns, peers with --lab', async (t) => {
  t.throws(() => parse(['--peer-dns', 'mdns']), /embedded:ADDRESS:PORT/);
  t.throws(() => parse(['--peer-listen', 'nowhere']), /ADDRESS:PORT/);
  t.throws(() => parse(['--peer-cert', 'a.example']), /DOMAIN=CERT/);
  t.throws(() => externalPeerSettings(parse(['--peer-domain', 'p.example']), false), /need --peer-dns/);
  t.throws(() => externalPeerSettings(parse(['--peer-dns', 'hosts']), true), /--lab makes its own peers/);
});
