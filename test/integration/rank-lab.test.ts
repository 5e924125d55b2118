import t from 'tap';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { persistentCa, startLab } from '../../src/lab/index.js';
import { freePorts } from '../../src/lab/ports.js';
import type { LabServer, VariantName } from '../../src/lab/types.js';
import type { RankFile } from '../../src/rank/output/rank-file.js';
import { GAUNTLET_BIN } from '../helpers/cli.js';
import { prosodyAccounts } from '../helpers/rank-hosts.js';

/**
 * `gauntlet rank` as a list maintainer runs it: the built CLI, a host list naming lab Prosody
 * servers (baseline and two broken variants) by address as outside hosts, plus a dead address.
 * The grades are the ones docs/rank.md predicts, the baseline ranks above its variants, no account
 * appears on any server, and the leaderboard works in Chromium.
 */
t.setTimeout(240_000);
t.saveFixture = true;
const dir = t.testdir();
const run = promisify(execFile);

const VARIANTS: VariantName[] = ['baseline', 'tls-legacy', 'plain-before-tls'];
const labs = new Map<VariantName, LabServer>();
/** The baseline configuration with a certificate that expired 30 days ago. */
let expired: LabServer | undefined;

/** The servers resolve through the port where the CLI's embedded DNS will answer the observer domain. */
let dnsPort = 0;
const peerCaDir = join(dir, 'peer-ca');

t.before(async () => {
  [dnsPort] = (await freePorts(1)) as [number];
  const peerCa = await persistentCa(peerCaDir);
  const options = { resolver: { address: '127.0.0.1', port: dnsPort }, trustCaFile: peerCa.certFile };
  const started = await Promise.all(VARIANTS.map((variant) => startLab('prosody', { ...options, variant, domains: [`${variant}.rank.example`, `${variant}-b.rank.example`] })));
  started.forEach((lab, i) => labs.set(VARIANTS[i]!, lab));
  expired = await startLab('prosody', { ...options, expiredCertificate: true, domains: ['expired.rank.example', 'expired-b.rank.example'] });
});
t.teardown(() => Promise.all([...labs.values(), ...(expired ? [expired] : [])].map((lab) => lab.stop())));

t.test('rank grades the lab hosts as the rubric predicts, without creating an account', async (t) => {
  const hosts = [...labs.values(), expired!].map((lab) => ({ domain: lab.domains[0], host: lab.host, port: lab.ports.c2s, directPort: lab.ports.c2sDirectTls, s2sPort: lab.ports.s2s }));
  hosts.push({ domain: 'dead.rank.example', host: '127.0.0.1', port: 9, directPort: 9, s2sPort: 9 }); // discard port: nothing listens
  const list = join(dir, 'hosts.json');
  writeFileSync(list, JSON.stringify(hosts));
  const out = join(dir, 'out');
  const ca = labs.get('baseline')!.caFile;
  const before = await Promise.all([...labs.values()].map(prosodyAccounts));
  t.same(before, [[], [], []], 'no account on any server before');
  t.same(await prosodyAccounts(expired!), []);

  const startedMs = Date.now();
  const { stdout } = await run(GAUNTLET_BIN, ['rank', list, '--out', out, '--ca', ca, '--timeout', '5s', '--delay', '20ms', '--concurrency', '4', '--peer-dns', `embedded:127.0.0.1:${dnsPort}`, '--peer-ca', peerCaDir], { env: { ...process.env, NO_COLOR: '1' } });
  t.comment(`rank of ${hosts.length} hosts: ${((Date.now() - startedMs) / 1000).toFixed(1)} s\n${stdout}`);

  const rank = JSON.parse(readFileSync(join(out, 'rank.json'), 'utf8')) as RankFile;
  const byDomain = new Map(rank.hosts.map((h) => [h.domain, h]));
  const baseline = byDomain.get('baseline.rank.example')!;
  const legacy = byDomain.get('tls-legacy.rank.example')!;
  const plain = byDomain.get('plain-before-tls.rank.example')!;
  const dead = byDomain.get('dead.rank.example')!;
  const point = (h: typeof baseline, id: string) => h.grades.security.find((p) => p.id === id)!;

  t.equal(baseline.grades.c2sTls.grade, 'A+', 'baseline: TLS 1.2/1.3, forward secrecy, STARTTLS required');
  t.equal(baseline.grades.s2sTls.grade, 'A+', 'baseline s2s: the same, and the host refuses cleartext s2s');
  t.same(baseline.grades.federation.map((p) => [p.id, p.earned]), [['federation-reachable', 2], ['federation-authenticates', 1], ['federation-dials-back', 1]], JSON.stringify(baseline.facts.unknown));
  t.ok(baseline.grades.compliance.percent !== null && baseline.grades.compliance.known > 1, `compliance from the inventory: ${baseline.grades.compliance.percent}% of ${baseline.grades.compliance.known}`);
  t.equal(legacy.grades.c2sTls.grade, 'B', 'tls-legacy: TLS 1.0/1.1 accepted caps at B');
  t.ok(legacy.grades.c2sTls.endpoints.some((e) => e.rules.some((r) => r.id === 'legacy-tls-accepted' && r.evidence.length > 0)), 'the cap points at its evidence');
  t.equal(plain.grades.c2sTls.grade, 'A', 'plain-before-tls: no A+ without encryption required');
  t.equal(point(plain, 'c2s-starttls-required').earned, 0);
  t.equal(point(plain, 'no-plain-before-tls').earned, 0);
  t.equal(point(baseline, 'c2s-starttls-required').earned, 2);
  t.equal(point(baseline, 'no-plain-before-tls').earned, 1);
  t.ok(point(plain, 'no-plain-before-tls').evidence.length > 0, 'the lost point names the stream features seen');
  for (const variant of [legacy, plain]) t.ok(baseline.rank < variant.rank, `baseline (#${baseline.rank}) above ${variant.domain} (#${variant.rank})`);
  const old = byDomain.get('expired.rank.example')!;
  t.equal(old.grades.c2sTls.grade, 'F', 'an expired certificate is F');
  t.ok(old.grades.c2sTls.endpoints.every((e) => e.rules.some((r) => r.id === 'cert-expired')), 'on every endpoint, by the expiry rule');
  t.ok(old.rank > baseline.rank && old.rank < dead.rank, 'graded, between the baseline and the dead host');
  t.match(dead.grades.unreachable, /127\.0\.0\.1:9.*ECONNREFUSED/, 'the dead host gets a clear reason');
  t.equal(dead.rank, rank.hosts.length, 'and ranks last');
  t.equal(dead.grades.c2sTls.grade, 'unknown');

  t.same(await Promise.all([...labs.values(), expired!].map(prosodyAccounts)), [[], [], [], []], 'no account was created on any server');
  // The account count above can see an account: create one the server's own way and look again.
  await labs.get('baseline')!.createAccounts([{ username: 'probe-proof', password: 'pw-proof-1' }]);
  t.equal((await prosodyAccounts(labs.get('baseline')!)).length, 1, 'an account created by the admin tool is seen');

  const csv = readFileSync(join(out, 'rank.csv'), 'utf8').trim().split('\n');
  t.equal(csv.length, hosts.length + 1);
  t.match(readFileSync(join(out, 'badges', 'baseline.rank.example.svg'), 'utf8'), '>A+<');

  // The leaderboard in a real browser: no errors, a sort click, a detail panel.
  const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
  });
  try {
    const page = await context.newPage();
    const trouble: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && trouble.push(m.text()));
    page.on('pageerror', (e) => trouble.push(e.message));
    page.on('request', (r) => !r.url().startsWith('file:') && trouble.push(`request ${r.url()}`));
    await page.goto(pathToFileURL(join(out, 'leaderboard.html')).href, { waitUntil: 'load' });
    const domains = () => page.locator('#board tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-domain')));
    t.equal((await domains())[0], 'baseline.rank.example');
    await page.click('th[data-key="domain"] button');
    t.same(await domains(), [...hosts.map((h) => h.domain)].sort(), 'sorted by host name');
    t.equal(await page.getAttribute('th[data-key="domain"]', 'aria-sort'), 'ascending');
    await page.click('th[data-key="domain"] button');
    t.equal(await page.getAttribute('th[data-key="domain"]', 'aria-sort'), 'descending');
    await page.click('th[data-key="total"] button');
    await page.click('button.open:text("tls-legacy.rank.example")');
    const panel = page.locator('section.host:not([hidden])');
    t.equal(await panel.count(), 1, 'one detail panel open');
    t.match(await panel.innerText(), /legacy-tls-accepted → at most B/);
    t.match(await panel.innerText(), /Evidence/);
    await page.screenshot({ path: join(dir, 'leaderboard-panel.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(dir, 'leaderboard.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1100 } });
    t.same(trouble, [], 'no console error, no page error, no request off the file');
    t.comment(`screenshot: ${join(dir, 'leaderboard.png')}`);
  } finally {
    await context.close();
  }
});
