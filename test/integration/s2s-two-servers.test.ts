import t from 'tap';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { startLab, type LabServer } from '../../src/lab/index.js';
import { openSession, xml, type Session } from '../../src/xmpp/index.js';

const USERS = 5;
const ROUNDS = 10;

async function usersOn(lab: LabServer, prefix: string): Promise<Session[]> {
  const ca = await readFile(lab.caFile, 'utf8');
  const accounts = await lab.createAccounts(Array.from({ length: USERS }, (_, i) => ({ username: `${prefix}${i}`, password: `pw-${i}` })));
  const sessions = await Promise.all(
    accounts.map((a) => openSession({ host: lab.host, port: lab.ports.c2s, domain: a.domain, tls: 'starttls', ca, username: a.username, password: a.password, timeoutMs: 20_000 })),
  );
  await Promise.all(sessions.map((s) => s.send(xml('presence'))));
  return sessions;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Users on lab Prosody and lab ejabberd message each other; the servers federate through the lab DNS. */
t.test('cross-server delivery latency, Prosody ⇄ ejabberd', async (t) => {
  const [prosody, ejabberd] = await Promise.all([startLab('prosody'), startLab('ejabberd')]);
  t.teardown(() => Promise.all([prosody.stop(), ejabberd.stop()]));
  const [onProsody, onEjabberd] = await Promise.all([usersOn(prosody, 'p'), usersOn(ejabberd, 'e')]);
  t.teardown(() => Promise.all([...onProsody, ...onEjabberd].map((s) => s.close(5000).catch(() => undefined))));

  const measure = async (from: Session[], to: Session[], label: string): Promise<number[]> => {
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        from.map(async (sender, i) => {
          const receiver = to[i]!;
          const id = `${label}-${round}-${i}`;
          const arrived = receiver.waitFor((s) => s.name === 'message' && s.attrs.id === id, 30_000);
          const sent = performance.now();
          await sender.send(xml('message', { to: receiver.jid.toString(), type: 'chat', id }, xml('body', {}, label)));
          await arrived;
          latencies.push(performance.now() - sent);
        }),
      );
    }
    return latencies;
  };
  const p2e = await measure(onProsody, onEjabberd, 'p2e');
  const e2p = await measure(onEjabberd, onProsody, 'e2p');
  t.equal(p2e.length, USERS * ROUNDS, 'every Prosody → ejabberd message delivered');
  t.equal(e2p.length, USERS * ROUNDS, 'every ejabberd → Prosody message delivered');
  // The first round includes setting up the s2s streams (dialback or EXTERNAL, both directions).
  const steady = (values: number[]) => values.slice(USERS);
  const fmt = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms p99 ${percentile(values, 99).toFixed(1)} ms`;
  t.comment(`Prosody → ejabberd: first ${percentile(p2e.slice(0, USERS), 50).toFixed(0)} ms, then ${fmt(steady(p2e))}`);
  t.comment(`ejabberd → Prosody: first ${percentile(e2p.slice(0, USERS), 50).toFixed(0)} ms, then ${fmt(steady(e2p))}`);
});
