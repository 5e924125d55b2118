import t from 'tap';
import { parse } from 'yaml';
import { renderEjabberdConfig, type EjabberdConfigInput } from '../../../src/lab/ejabberd-config.js';
import { VARIANTS, type VariantName } from '../../../src/lab/types.js';

const input: EjabberdConfigInput = {
  variant: 'baseline',
  domains: ['a.ejabberd.lab.example', 'b.ejabberd.lab.example'],
  ports: { c2s: 1001, c2sDirectTls: 1002, s2s: 1003, http: 1004, https: 1006, dist: 1005 },
  dns: { address: '127.0.0.1', port: 5353 },
  certFile: '/lab/server.pem',
  caFile: '/lab/ca.pem',
  pidFile: '/lab/ejabberd.pid',
  uploadDir: '/lab/upload',
};

type Config = Record<string, unknown> & { listen: Array<Record<string, unknown>>; modules: Record<string, unknown> };
const yml = (variant: VariantName): Config => parse(renderEjabberdConfig({ ...input, variant })['ejabberd.yml']) as Config;

/** Top-level keys (and listener/module entries) whose value differs from the baseline. */
function changes(variant: VariantName): string[] {
  const base = yml('baseline');
  const other = yml(variant);
  const keys = new Set([...Object.keys(base), ...Object.keys(other)]);
  const changed = [...keys].filter((k) => !['listen', 'modules'].includes(k) && JSON.stringify(base[k]) !== JSON.stringify(other[k]));
  base.listen.forEach((l, i) => JSON.stringify(l) !== JSON.stringify(other.listen[i]) && changed.push(`listen:${l.port}`));
  const modules = new Set([...Object.keys(base.modules), ...Object.keys(other.modules)]);
  for (const m of modules) if (JSON.stringify(base.modules[m]) !== JSON.stringify(other.modules[m])) changed.push(m);
  return changed.sort();
}

t.test('baseline: loopback listeners, TLS required, both vhosts, provisioning API for loopback only', async (t) => {
  const config = yml('baseline');
  t.same(config.hosts, input.domains);
  t.ok(config.listen.every((l) => l.ip === '127.0.0.1'), 'every listener on loopback');
  t.same(config.listen.map((l) => l.port), [1001, 1002, 1003, 1004, 1006]);
  t.match(config.listen[0], { starttls_required: true, shaper: 'none', backlog: 1024 });
  t.match(config.listen[1], { tls: true });
  t.match(config, { s2s_use_starttls: 'required', auth_password_format: 'scram', registration_timeout: 'infinity' });
  t.match(config.api_permissions, { 'lab provisioning from loopback': { who: { acl: 'loopback' }, what: ['register', 'registered_users', 'status'] } });
  t.match(config, { acl: { local: { user_regexp: '' } }, access_rules: { local: { allow: 'local' } } }, "the lab's own accounts may ask mod_http_upload for slots (its default access rule is `local`)");
  t.ok('mod_carboncopy' in config.modules, "Debian's name for the carbons module");
  t.notMatch(renderEjabberdConfig(input)['ejabberd.yml'], /[&*]a\d/, 'no YAML anchors, which ejabberd cannot read');
});

t.test('each variant changes exactly one thing', async (t) => {
  const expected: Record<Exclude<VariantName, 'baseline'>, string[]> = {
    'plain-before-tls': ['listen:1001'],
    'no-offline': ['mod_offline'],
    'tls-legacy': ['c2s_ciphers', 'c2s_protocol_options', 's2s_ciphers', 's2s_protocol_options'],
    'no-ibr': ['mod_register'],
    's2s-cleartext': ['s2s_use_starttls'],
    'no-dialback': ['mod_s2s_dialback'],
  };
  for (const variant of Object.keys(VARIANTS) as VariantName[]) {
    if (variant !== 'baseline') t.same(changes(variant), expected[variant], variant);
  }
});

t.test('ejabberdctl.cfg and inetrc: fixed distribution port, lab DNS only', async (t) => {
  const files = renderEjabberdConfig(input);
  t.match(files['ejabberdctl.cfg'], /^ERL_DIST_PORT=1005$/m);
  t.match(files['ejabberdctl.cfg'], /inet_dist_use_interface \{127,0,0,1\}/);
  t.match(files['ejabberdctl.cfg'], /^EJABBERD_PID_PATH=\/lab\/ejabberd\.pid$/m);
  t.equal(files.inetrc, '{resolv_conf, ""}.\n{lookup, [file, dns]}.\n{nameserver, {127,0,0,1}, 5353}.\n');
});

t.test('the HTTPS listener: BOSH, WebSocket, upload and host-meta, on loopback with TLS', async (t) => {
  const yml = renderEjabberdConfig(input)['ejabberd.yml'];
  t.match(yml, /port: 1006\n\s+module: ejabberd_http\n\s+tls: true/);
  for (const handler of ['/bosh: mod_bosh', '/ws: ejabberd_http_ws', '/upload: mod_http_upload', '/.well-known/host-meta: mod_host_meta', '/.well-known/host-meta.json: mod_host_meta']) t.match(yml, handler);
  t.match(yml, 'put_url: https://@HOST@:1006/upload');
  t.match(yml, 'max_size: 1048576');
  t.match(yml, 'websocket_url: wss://@HOST@:1006/ws');
});
