import t, { type Test } from 'tap';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { discoverEndpoints, resolveTarget } from '../../../src/engine/target.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const srv = (name: string, port: number, priority = 10, weight = 0) => ({ name, port, priority, weight });

async function listening(t: Test): Promise<number> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** A loopback port nobody listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const targetOf = (yaml: string, dir = '/tmp') =>
  loadScenarioText(`target: ${yaml}\naccounts: { pattern: { password: x } }\nflow: [login]\n`, join(dir, 's.yaml')).target;

t.test('SRV records are tried by priority, the heavier first within one', async (t) => {
  const asked: string[] = [];
  const lookup = async (name: string) => {
    asked.push(name);
    return [srv('c.example.', 5222, 20), srv('a.example.', 5223, 10, 1), srv('b.example.', 5224, 10, 5)];
  };
  const endpoints = await discoverEndpoints('example.org', 'starttls', lookup);
  t.same(asked, ['_xmpp-client._tcp.example.org']);
  t.same(endpoints.map(({ host, port }) => `${host}:${port}`), ['b.example:5224', 'a.example:5223', 'c.example:5222']);
  t.ok(endpoints.every((endpoint) => endpoint.via === 'srv'));
});

t.test('direct TLS asks _xmpps-client; without records the domain itself is used on the default port', async (t) => {
  const asked: string[] = [];
  const lookup = async (name: string) => {
    asked.push(name);
    throw Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' });
  };
  t.same(await discoverEndpoints('example.org', 'direct', lookup), [{ host: 'example.org', port: 5223, via: 'fallback' }]);
  t.same(asked, ['_xmpps-client._tcp.example.org']);
  t.same(await discoverEndpoints('example.org', 'starttls', async () => []), [{ host: 'example.org', port: 5222, via: 'fallback' }]);
});

t.test('an SRV target of "." means no service: unreachable, with a hint', async (t) => {
  await t.rejects(discoverEndpoints('example.org', 'direct', async () => [srv('.', 0)]), { code: 'unreachable', message: /publishes no _xmpps-client\._tcp service/, hint: /tls: starttls/ });
});

t.test('the first SRV endpoint that accepts a connection is the one used', async (t) => {
  const [dead, alive] = [await closedPort(), await listening(t)];
  const target = targetOf('{ domain: example.org }');
  const resolved = await resolveTarget(target, { resolveSrv: async () => [srv('127.0.0.1', dead, 1), srv('127.0.0.1', alive, 2)] });
  t.same(resolved.summary, { domain: 'example.org', host: '127.0.0.1', port: alive, tls: 'starttls', via: 'srv' });
  t.same(resolved.connection, { domain: 'example.org', host: '127.0.0.1', port: alive, tls: 'starttls', caPem: undefined, allowCleartextAuth: false });
});

t.test('an explicit host that does not answer is unreachable, with a hint', async (t) => {
  const port = await closedPort();
  const error = await resolveTarget(targetOf(`{ domain: example.org, host: 127.0.0.1, port: ${port} }`)).catch((e: unknown) => e);
  t.match(error, { code: 'unreachable', message: new RegExp(`cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`), hint: /server is running/ });
});

t.test('the CA file is read relative to the scenario; a missing one is a configuration error', async (t) => {
  const port = await listening(t);
  const dir = t.testdir({ 'ca.pem': '-----BEGIN CERTIFICATE-----\n' });
  const resolved = await resolveTarget(targetOf(`{ domain: example.org, host: 127.0.0.1, port: ${port}, ca: ./ca.pem }`, dir));
  t.equal(resolved.connection.caPem, '-----BEGIN CERTIFICATE-----\n');
  t.equal(resolved.summary.via, 'explicit');
  await t.rejects(resolveTarget(targetOf(`{ domain: example.org, host: 127.0.0.1, port: ${port}, ca: ./missing.pem }`, dir)), { code: 'config', message: /missing\.pem/ });
});
