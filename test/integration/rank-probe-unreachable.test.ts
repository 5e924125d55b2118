/**
 * Hosts rank cannot grade normally still give facts with reasons, within the host's time budget:
 * a dead host, a domain that does not exist, a host whose certificate expired (a Prosody lab
 * given one by the lab CA), and FAKE HOSTILE SERVERS (test/helpers/hostile/) that flood or stay silent.
 */
import t from 'tap';
import net from 'node:net';
import { labCa, startLab } from '../../src/lab/index.js';
import { probeHost } from '../../src/rank/probe/index.js';
import { startFakeHostileServer } from '../helpers/hostile/fake-hostile-server.mjs';
import { entryByAddress, probeOptions } from '../helpers/rank-hosts.js';

const HOST_BUDGET_MS = 30_000;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

t.test('a dead host (every port refused)', async (t) => {
  const ca = await labCa();
  const port = await closedPort();
  const facts = await probeHost({ domain: 'dead.rank.example', host: '127.0.0.1', port, s2sPort: port }, await probeOptions(ca.certFile, { hostTimeoutMs: HOST_BUDGET_MS }));
  t.match(facts.unreachable, /no usable XMPP answer from 127\.0\.0\.1:\d+.*ECONNREFUSED/, `unreachable: ${facts.unreachable}`);
  t.same([facts.c2sTls, facts.s2sTls], [[], []], 'no TLS facts');
});

t.test('a domain that does not exist', async (t) => {
  const ca = await labCa();
  const facts = await probeHost({ domain: 'nowhere.rank.example' }, await probeOptions(ca.certFile));
  t.match(facts.unreachable, /no SRV, A or AAAA record for nowhere\.rank\.example \(ENOTFOUND/, `unreachable: ${facts.unreachable}`);
});

t.test('a list entry that is not a domain', async (t) => {
  const facts = await probeHost({ domain: "x'/><evil" }, {});
  t.match(facts.unreachable, /is not a domain name/, 'refused before any lookup');
  t.same(facts.evidence, [], 'nothing was sent anywhere');
});

t.test('a host whose certificate expired', async (t) => {
  const lab = await startLab('prosody', { expiredCertificate: true });
  t.teardown(() => lab.stop());
  const facts = await probeHost(entryByAddress(lab), { ...(await probeOptions(lab.caFile)), probes: ['c2s-tls', 'features'] });
  t.equal(facts.unreachable, undefined, 'still probed');
  const tls = facts.c2sTls[0]!;
  t.same(tls.versionsAccepted, ['TLSv1.2', 'TLSv1.3'], 'versions still learned');
  t.match(tls.certificate, { trusted: false, trustError: 'CERT_HAS_EXPIRED', identityMatches: true }, 'certificate untrusted because expired');
  t.ok(tls.certificate!.daysToExpiry <= -29, `expired ${-tls.certificate!.daysToExpiry} days ago`);
  t.match(facts.features, { startTlsRequired: true }, 'pre-TLS features read');
  t.match(facts.unknown['features.mechanismsAfterTls'], /did not lead to a verified stream/, 'nothing read over the unverified stream');
});

t.test('fake hostile servers', async (t) => {
  const ca = await labCa();
  const domain = 'hostile.rank.example';
  const certificate = ca.issue([domain]);
  for (const [name, reason] of [
    ['many-features', /more than 64 stream features/],
    ['huge-stanza', /limit 256 KB|text in one element; limit/],
    ['silent', /within|took longer|timed out/],
  ] as const) {
    t.test(name, async (t) => {
      const server = await startFakeHostileServer(name, { ...certificate, domain });
      t.teardown(() => server.close());
      const facts = await probeHost({ domain, host: '127.0.0.1', port: server.port, s2sPort: server.port }, await probeOptions(ca.certFile, { stepTimeoutMs: 2000, hostTimeoutMs: HOST_BUDGET_MS, probes: ['c2s-tls', 's2s-tls', 'features'] }));
      t.match(facts.unreachable, reason, `${name}: ${facts.unreachable}`);
      t.ok(facts.durationMs < HOST_BUDGET_MS, `${name}: ended within the host's budget (${facts.durationMs} ms)`);
      t.ok(facts.evidence.every((e) => e.seen.length <= 1000), `${name}: evidence stays short`);
    });
  }
});
