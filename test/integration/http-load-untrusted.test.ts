/**
 * autocannon connects with certificate checks off; src/http/verified-tls.ts checks every
 * connection's handshake before a request is written. Proof with `gauntlet run` against a FAKE
 * HTTPS server (TLS 1.2 and 1.3) whose certificate the run must refuse: an unknown CA, or a name
 * the certificate does not carry. The run fails with exit 3 and the reason, and the server
 * receives not one request byte. A control run with the right CA shows the counter sees bytes.
 */
import t from 'tap';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { labCa, persistentCa } from '../../src/lab/ca.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import { gauntlet } from '../helpers/cli.js';
import { startFakeHttpsCounter } from '../helpers/hostile/fake-https-counter.js';

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-http-untrusted-'));
/** The CA that signed the fake server's certificate; the run trusts it only in the control and wrong-name cases. */
const rogue = await persistentCa(mkdtempSync(join(tmpdir(), 'gauntlet-rogue-ca-')));
const certificate = rogue.issue(['fake.example']);
const otherCa = (await labCa()).certFile;
/** The target's c2s port only has to accept TCP (the run checks the server answers before any load). */
const c2s = createServer((socket) => socket.end());
await new Promise<void>((resolve) => c2s.listen(0, '127.0.0.1', resolve));
t.teardown(() => new Promise<void>((resolve) => c2s.close(() => resolve())));

/** One phase of each request kind (GET pipelined, BOSH POST sequence, a POST with a body). */
const phases = (origin: string) => ({
  'host-meta': `{ endpoint: host-meta, url: '${origin}/.well-known/host-meta', connections: 4, pipelining: 4, amount: 200 }`,
  'bosh-session': `{ endpoint: bosh-session, url: '${origin}/http-bind', connections: 4, amount: 40 }`,
  url: `{ endpoint: url, connections: 4, amount: 40, request: { method: POST, url: '${origin}/api', body: 'must never reach an unverified server' } }`,
});

async function runAgainst(name: string, domain: string, port: number, ca: string | undefined, phase: keyof ReturnType<typeof phases>) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
target:
  domain: ${domain}
  host: 127.0.0.1
  port: ${(c2s.address() as AddressInfo).port}
${ca ? `  ca: ${ca}\n` : ''}http_load:
  - ${phases(`https://${domain}:${port}`)[phase]}
options: { timeout: 5s }
`,
  );
  const out = join(dir, name);
  const run = await gauntlet(['run', file, '--out', out, '--quiet']);
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as RunResult;
  return { run, result, metrics: decodeMetrics(result.metrics) };
}

const refusals = [
  { name: 'another CA', domain: 'fake.example', ca: otherCa, reason: /UNABLE_TO_VERIFY_LEAF_SIGNATURE/ },
  { name: 'the system roots', domain: 'fake.example', ca: undefined, reason: /UNABLE_TO_VERIFY_LEAF_SIGNATURE/ },
  { name: 'its CA, another name', domain: 'other.example', ca: rogue.certFile, reason: /ERR_TLS_CERT_ALTNAME_INVALID/ },
] as const;

for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
  t.test(maxVersion, async (t) => {
    const server = await startFakeHttpsCounter(certificate, maxVersion);
    t.teardown(() => server.close());

    for (const [index, refusal] of refusals.entries()) {
      const phase = (['host-meta', 'bosh-session', 'url'] as const)[index]!;
      t.test(`${phase} trusting ${refusal.name}: refused with the reason, zero request bytes received`, async (t) => {
        const before = { ...server.counts };
        const { run, result, metrics } = await runAgainst(`${maxVersion}-${index}`, refusal.domain, server.port, refusal.ca, phase);
        await server.settled();
        t.equal(run.code, 3, 'exit 3: the target could not be reached over verified TLS');
        t.match(run.err, /the HTTPS certificate was refused \(/, 'says why');
        t.match(run.err, refusal.reason);
        t.match(run.err, /target\.ca/, 'hints at the CA file');
        t.match(result.thresholds[0], { metric: 'health.run', ok: false });
        t.equal(metrics.counterTotal(`http_failures{endpoint=${phase},reason=untrusted}`), 1, 'counted once as untrusted');
        t.notOk(metrics.counterKeys().some((key) => key.startsWith('http_responses')), 'no response recorded');
        t.ok(server.counts.connections > before.connections, 'the client did connect');
        t.equal(server.counts.requestBytes, before.requestBytes, 'not one request byte reached the server');
        t.equal(server.counts.requests, before.requests, 'no request reached the server');
      });
    }

    t.test('control: trusting its CA under its name, the same phases reach it', async (t) => {
      const before = { ...server.counts };
      const { run, metrics } = await runAgainst(`${maxVersion}-control`, 'fake.example', server.port, rogue.certFile, 'url');
      t.equal(run.code, 0, run.err);
      t.equal(server.counts.requests - before.requests, 40, 'every request arrived');
      t.ok(server.counts.requestBytes - before.requestBytes > 40 * 'must never reach an unverified server'.length, 'the byte counter sees what arrives');
      t.equal(metrics.counterTotal('http_responses{endpoint=url,method=POST,status=200}'), 40);
    });
  });
}

t.test('a host-meta URL where nothing listens: exit 3 with the reason, no reconnect loop', async (t) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const { run, metrics } = await runAgainst('refused', 'fake.example', port, rogue.certFile, 'host-meta');
  t.equal(run.code, 3);
  t.match(run.err, /http_load host-meta: connections kept failing \(ECONNREFUSED\)/);
  t.ok((metrics.counterTotal('http_failures{endpoint=host-meta,reason=error}') ?? 0) < 1000, 'stopped after a few refusals');
});
