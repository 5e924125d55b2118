import t from 'tap';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { persistentCa, startLab } from '../../src/lab/index.js';
import { freePorts } from '../../src/lab/ports.js';
import type { LabServer, ServerKind, VariantName } from '../../src/lab/types.js';
import type { RankFile } from '../../src/rank/output/rank-file.js';
import { GAUNTLET_BIN } from '../helpers/cli.js';
import { entryByAddress, labAccounts } from '../helpers/rank-hosts.js';

/**
 * `gauntlet rank` over the other two server kinds and the Prosody variants rank-lab.test.ts does
 * not cover (s2s-cleartext, no-dialback, no-ibr), each given by address as an outside host. Every
 * expectation is read from docs/rank.md and what the variant changes (src/lab/types.ts VARIANTS),
 * not from a previous run; no account appears on any server.
 */
t.setTimeout(300_000);
const dir = t.testdir();
const run = promisify(execFile);

/** Domain label → the lab server behind it. */
const SERVERS: Array<{ name: string; kind: ServerKind; variant: VariantName }> = [
  { name: 'prosody', kind: 'prosody', variant: 'baseline' },
  { name: 's2s-cleartext', kind: 'prosody', variant: 's2s-cleartext' },
  { name: 'no-dialback', kind: 'prosody', variant: 'no-dialback' },
  { name: 'no-ibr', kind: 'prosody', variant: 'no-ibr' },
  { name: 'ejabberd', kind: 'ejabberd', variant: 'baseline' },
  { name: 'jabberd2', kind: 'jabberd2', variant: 'baseline' },
];
const labs = new Map<string, LabServer>();
let dnsPort = 0;
const peerCaDir = join(dir, 'peer-ca');

t.before(async () => {
  [dnsPort] = (await freePorts(1)) as [number];
  const peerCa = await persistentCa(peerCaDir);
  const options = { resolver: { address: '127.0.0.1', port: dnsPort }, trustCaFile: peerCa.certFile };
  // Started together: ejabberd's VM start dominates, the others fit inside it.
  const started = await Promise.allSettled(
    SERVERS.map((s) => startLab(s.kind, { ...options, variant: s.variant, domains: [`${s.name}.rank.example`, `${s.name}-b.rank.example`] })),
  );
  started.forEach((r, i) => r.status === 'fulfilled' && labs.set(SERVERS[i]!.name, r.value));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
});
t.teardown(() => Promise.all([...labs.values()].map((lab) => lab.stop())));

t.test('rank grades ejabberd, jabberd2 and three Prosody variants as the rubric predicts', async (t) => {
  const hosts = [...labs.values()].map(entryByAddress);
  const list = join(dir, 'hosts.json');
  writeFileSync(list, JSON.stringify(hosts));
  const out = join(dir, 'out');
  t.same(await Promise.all([...labs.values()].map(labAccounts)), SERVERS.map(() => []), 'no account on any server before');

  const startedMs = Date.now();
  const { stdout } = await run(
    GAUNTLET_BIN,
    ['rank', list, '--out', out, '--ca', labs.get('prosody')!.caFile, '--timeout', '5s', '--delay', '20ms', '--concurrency', '6', '--peer-dns', `embedded:127.0.0.1:${dnsPort}`, '--peer-ca', peerCaDir],
    { env: { ...process.env, NO_COLOR: '1' } },
  );
  t.comment(`rank of ${hosts.length} hosts: ${((Date.now() - startedMs) / 1000).toFixed(1)} s\n${stdout}`);

  const rank = JSON.parse(readFileSync(join(out, 'rank.json'), 'utf8')) as RankFile;
  type Ranked = RankFile['hosts'][number];
  const host = (name: string) => rank.hosts.find((h) => h.domain === `${name}.rank.example`)!;
  const points = (h: Ranked, part: 'security' | 'federation') => Object.fromEntries(h.grades[part].map((p) => [p.id, p.earned]));
  const rules = (h: Ranked, which: 'c2sTls' | 's2sTls') => h.grades[which].endpoints.flatMap((e) => e.rules.map((r) => r.id));
  const prosody = host('prosody');
  const cleartext = host('s2s-cleartext');
  const noDialback = host('no-dialback');
  const noIbr = host('no-ibr');

  t.equal(prosody.grades.c2sTls.grade, 'A+');
  t.equal(prosody.grades.s2sTls.grade, 'A+');
  t.same(points(prosody, 'federation'), { 'federation-reachable': 2, 'federation-authenticates': 1, 'federation-dials-back': 1 }, JSON.stringify(prosody.facts.unknown));
  t.equal(points(prosody, 'security')['s2s-tls-required'], 2);

  // s2s-cleartext: only s2s encryption required changes, so only what reads it moves.
  t.equal(cleartext.grades.c2sTls.grade, 'A+', 's2s-cleartext: c2s untouched');
  t.equal(cleartext.grades.s2sTls.grade, 'A', 's2s-cleartext: no A+ when the host takes cleartext s2s');
  t.same(rules(cleartext, 's2sTls'), [], 'an A from the score, no cap');
  t.equal(points(cleartext, 'security')['s2s-tls-required'], 0, 's2s-cleartext loses s2s-tls-required');
  t.same({ ...points(cleartext, 'security'), 's2s-tls-required': 2 }, points(prosody, 'security'), 'and only that security point');
  t.same(points(cleartext, 'federation'), points(prosody, 'federation'), 'federation as the baseline');

  // no-dialback: federation over SASL EXTERNAL, but nothing to dial back for.
  t.same(points(noDialback, 'federation'), { 'federation-reachable': 2, 'federation-authenticates': 1, 'federation-dials-back': 0 }, 'no-dialback: authenticated by EXTERNAL, never dials back');
  t.match(noDialback.grades.federation.find((p) => p.id === 'federation-authenticates')!.why, /accepted: SASL EXTERNAL$/);
  t.equal(noDialback.grades.s2sTls.grade, 'A+', 'no-dialback: s2s TLS still required');
  t.same(points(noDialback, 'security'), points(prosody, 'security'));
  t.ok(noDialback.grades.compliance.known > 1, 'the inventory is read over the EXTERNAL link');

  // no-ibr: registration is a fact, not a point; nothing graded changes.
  for (const part of ['c2sTls', 's2sTls'] as const) t.equal(noIbr.grades[part].grade, prosody.grades[part].grade, `no-ibr: ${part} as the baseline`);
  t.same(points(noIbr, 'security'), points(prosody, 'security'));
  t.same(points(noIbr, 'federation'), points(prosody, 'federation'));
  t.equal(noIbr.grades.compliance.percent, prosody.grades.compliance.percent);
  t.equal(noIbr.total, prosody.total, 'no-ibr: the same total');

  for (const variant of [cleartext, noDialback]) {
    t.ok(prosody.total > variant.total && prosody.rank < variant.rank, `baseline (#${prosody.rank}, ${prosody.total}) above ${variant.domain} (#${variant.rank}, ${variant.total})`);
  }
  // A tie goes to the domain in code-point order: "no-ibr" before "prosody".
  t.equal(noIbr.rank, prosody.rank - 1, 'no-ibr ties the baseline and lists first by name');

  // ejabberd and jabberd2 baselines: TLS 1.2/1.3 only, encryption required both ways, dialback.
  for (const name of ['ejabberd', 'jabberd2']) {
    const h = host(name);
    for (const which of ['c2sTls', 's2sTls'] as const) {
      const facts = h.facts[which];
      t.ok(facts.length > 0 && facts.every((tls) => tls.versionsAccepted.join() === 'TLSv1.2,TLSv1.3'), `${name} ${which}: TLS 1.2 and 1.3 on every endpoint`);
      t.same(rules(h, which).filter((id) => id !== 'a-plus'), [], `${name} ${which}: no cap`);
      // A+ needs forward secrecy on every accepted suite; the rubric reads it from the facts.
      const allForwardSecret = facts.every((tls) => tls.ciphers.length > 0 && tls.ciphers.every((c) => c.forwardSecret));
      t.equal(h.grades[which].grade, allForwardSecret ? 'A+' : 'A', `${name} ${which}: ${allForwardSecret ? 'forward secrecy everywhere' : 'a suite without forward secrecy'}`);
    }
    // Both store one SCRAM-SHA-1 hash (src/lab/*-config.ts); jabberd2's -PLUS is configured off.
    t.match(points(h, 'security'), { scram: 2, 'scram-sha-256': 0, 'c2s-starttls-required': 2, 'no-plain-before-tls': 1 }, `${name}: security points`);
    t.same(points(h, 'federation'), { 'federation-reachable': 2, 'federation-authenticates': 1, 'federation-dials-back': 1 }, `${name}: federates by dialback. ${JSON.stringify(h.facts.unknown)}`);
  }
  t.equal(points(host('jabberd2'), 'security')['channel-binding-plus'], 0, 'jabberd2: no -PLUS');
  t.equal(points(host('ejabberd'), 'security')['s2s-tls-required'], 2, 'ejabberd: s2s STARTTLS marked <required/>');
  // The rubric reads what the host announces: jabberd2 enforces <require_tls/> without marking its s2s
  // STARTTLS <required/> (as the s2s check rfc6120.s2s.tls-before-dialback reports), so no point.
  t.equal(points(host('jabberd2'), 'security')['s2s-tls-required'], 0, 'jabberd2: s2s STARTTLS not marked <required/>');
  t.match(host('jabberd2').grades.security.find((p) => p.id === 's2s-tls-required')!.why, /offered, not required/);

  t.same(await Promise.all([...labs.values()].map(labAccounts)), SERVERS.map(() => []), 'no account was created on any server');
  // The listings can see an account: create one on each kind the server's own way and look again.
  for (const name of ['ejabberd', 'jabberd2']) {
    await labs.get(name)!.createAccounts([{ username: 'probe-proof', password: 'pw-proof-1' }]);
    t.same(await labAccounts(labs.get(name)!), [name === 'ejabberd' ? `${name}.rank.example/probe-proof` : `probe-proof@${name}.rank.example`], `${name}: an account created by the admin path is seen`);
  }
});
