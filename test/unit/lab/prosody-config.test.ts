import t from 'tap';
import { renderProsodyConfig, type ProsodyConfigInput } from '../../../src/lab/prosody-config.js';
import { VARIANTS, type VariantName } from '../../../src/lab/types.js';

const input: ProsodyConfigInput = {
  variant: 'baseline',
  domains: ['a.lab.example', 'b.lab.example'],
  ports: { c2s: 15222, c2sDirectTls: 15223, s2s: 15269, https: 15443 },
  dns: { address: '127.0.0.1', port: 15353 },
  dir: '/tmp/lab',
  certFile: '/tmp/lab/certs/server.crt',
  keyFile: '/tmp/lab/certs/server.key',
  caFile: '/tmp/lab/ca.pem',
  runAsRoot: false,
};

/** Setting lines of a variant's config that differ from the baseline's (the header comment aside). */
function changedLines(variant: VariantName): string[] {
  const lines = (text: string) => text.split('\n').filter((line) => !line.startsWith('--'));
  const baseline = new Set(lines(renderProsodyConfig(input)));
  return lines(renderProsodyConfig({ ...input, variant })).filter((line) => !baseline.has(line));
}

t.test('the baseline config', async (t) => {
  const config = renderProsodyConfig(input);
  t.match(config, 'c2s_ports = { 15222 }');
  t.match(config, 'c2s_direct_tls_ports = { 15223 }');
  t.match(config, 's2s_ports = { 15269 }');
  t.match(config, 'interfaces = { "127.0.0.1" }');
  t.match(config, 'c2s_require_encryption = true');
  t.match(config, 's2s_require_encryption = true');
  t.match(config, 's2s_secure_auth = false');
  t.match(config, 'allow_registration = true');
  t.match(config, 'authentication = "internal_hashed"');
  t.match(config, 'forward = "127.0.0.1@15353"');
  t.match(config, 'resolvconf = false; hoststxt = false');
  t.match(config, 'VirtualHost "a.lab.example"\nVirtualHost "b.lab.example"');
  t.match(config, /modules_enabled = \{[^}]*"offline"[^}]*"dialback"|modules_enabled = \{[^}]*"dialback"[^}]*"offline"/);
  t.notMatch(config, /"limits"|^limits\s*=/m, 'mod_limits is neither loaded nor configured');
  t.match(config, 'run_as_root = false');
  t.match(renderProsodyConfig({ ...input, runAsRoot: true }), 'run_as_root = true');
});

t.test('each variant changes exactly its own settings', async (t) => {
  t.same(changedLines('plain-before-tls'), ['c2s_require_encryption = false', 'allow_unencrypted_plain_auth = true']);
  t.same(changedLines('s2s-cleartext'), ['s2s_require_encryption = false']);
  t.same(changedLines('no-ibr'), ['allow_registration = false']);
  t.match(changedLines('tls-legacy'), [/^ssl = .*protocol = "tlsv1\+"; ciphers = "DEFAULT:@SECLEVEL=0";/]);
  for (const [variant, module] of [['no-offline', 'offline'], ['no-dialback', 'dialback']] as const) {
    const [enabled, disabled, ...rest] = changedLines(variant);
    t.notMatch(enabled, `"${module}"`, `${variant}: not enabled`);
    t.equal(disabled, `modules_disabled = { "${module}" }`, `${variant}: disabled`);
    t.same(rest, []);
  }
  t.same(changedLines('baseline'), []);
  t.equal(Object.keys(VARIANTS).length, 7, 'every variant is covered above');
});

t.test('the HTTP side: HTTPS only on loopback, BOSH, WebSocket, host-meta module, upload component', async (t) => {
  const config = renderProsodyConfig(input);
  t.match(config, 'http_ports = { }');
  t.match(config, 'https_ports = { 15443 }');
  t.match(config, 'https_interfaces = { "127.0.0.1" }');
  t.match(config, /modules_enabled = \{[^}]*"bosh"; "websocket"; "lab_host_meta"/);
  t.match(config, 'plugin_paths = { "/tmp/lab/modules" }');
  t.match(config, 'Component "upload.a.lab.example" "http_file_share"\n  http_file_share_size_limit = 1048576');
});
