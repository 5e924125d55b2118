import t from 'tap';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { labCa, labDns, startLab, type LabServer, type ServerKind } from '../../src/lab/index.js';
import { PeerNetwork, type PeerAuth } from '../../src/s2s/index.js';
import { openSession, xml, type Session } from '../../src/xmpp/index.js';

const ROUNDS = 20;

async function localUser(lab: LabServer, username: string): Promise<Session> {
  const [account] = await lab.createAccounts([{ username, password: `${username}-pw` }]);
  const session = await openSession({
    host: lab.host,
    port: lab.ports.c2s,
    domain: lab.domains[0],
    tls: 'starttls',
    ca: await readFile(lab.caFile, 'utf8'),
    username: account!.username,
    password: account!.password,
    timeoutMs: 20_000,
  });
  // Messages to a bare JID go to available resources only.
  await session.send(xml('presence'));
  return session;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

for (const kind of ['prosody', 'ejabberd'] as ServerKind[]) {
  t.test(`simulated peers federate with lab ${kind}`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const [ca, dns, caPem] = await Promise.all([labCa(), labDns(), readFile(lab.caFile, 'utf8')]);

    for (const auth of ['dialback', 'external'] as PeerAuth[]) {
      t.test(`peer authenticating with ${auth}`, async (t) => {
        const peerDomain = `${auth}.${kind}.gauntlet.example`;
        const peers = await PeerNetwork.start({
          domains: [peerDomain],
          target: { domains: lab.domains, s2s: { host: lab.host, port: lab.ports.s2s }, caPem },
          issuer: ca,
          auth,
          dns,
        });
        t.teardown(() => peers.close());
        const verifyRequests: unknown[] = [];
        peers.listener.on('verify-request', (request: { to: string; valid: boolean }) => verifyRequests.push(request));
        const local = await localUser(lab, `local-${auth}`);
        t.teardown(() => local.close());
        const localJid = `local-${auth}@${lab.domains[0]}`;
        const remoteJid = `user1@${peerDomain}`;

        const link = await peers.link(peerDomain, lab.domains[0]);
        t.ok(link.encrypted, 'the s2s stream is encrypted');
        if (auth === 'dialback') {
          t.match(verifyRequests, [{ to: peerDomain, valid: true }], `${kind} dialed back and verified our key with our listener`);
        } else {
          t.same(verifyRequests, [], 'no dialback: the certificate was enough');
        }

        const inbound: number[] = [];
        const outbound: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const sent = performance.now();
          const arrival = local.waitFor((s) => s.name === 'message' && s.attrs.id === `in-${i}`, 20_000);
          await peers.send(xml('message', { from: `${remoteJid}/sim`, to: localJid, type: 'chat', id: `in-${i}` }, xml('body', {}, `remote ${i}`)));
          const atLocal = await arrival;
          inbound.push(performance.now() - sent);
          if (i === 0) {
            t.equal(atLocal.attrs.from, `${remoteJid}/sim`, 'remote → local: delivered with the remote sender');
            t.equal(atLocal.getChildText('body'), 'remote 0');
          }

          const back = performance.now();
          const reply = peers.waitFor((s) => s.name === 'message' && s.attrs.id === `out-${i}`, 20_000);
          await local.send(xml('message', { to: remoteJid, type: 'chat', id: `out-${i}` }, xml('body', {}, `local ${i}`)));
          const atRemote = await reply;
          outbound.push(performance.now() - back);
          if (i === 0) {
            t.match(atRemote.attrs.from, new RegExp(`^${localJid}/`), 'local → remote: received by our listener from the local user');
            t.equal(atRemote.getChildText('body'), 'local 0');
          }
        }
        t.equal(inbound.length, ROUNDS, `${ROUNDS} remote → local messages delivered`);
        t.equal(outbound.length, ROUNDS, `${ROUNDS} local → remote messages delivered`);
        const ms = (v: number) => `${v.toFixed(1)} ms`;
        t.comment(
          `${kind} ${auth}: connect ${ms(link.timings.connectMs)}, TLS ${ms(link.timings.tlsMs)}, auth ${ms(link.timings.authMs)}; ` +
            `s2s→c2s p50 ${ms(percentile(inbound, 50))} p99 ${ms(percentile(inbound, 99))}; ` +
            `c2s→s2s p50 ${ms(percentile(outbound, 50))} p99 ${ms(percentile(outbound, 99))}`,
        );
      });
    }
  });
}
