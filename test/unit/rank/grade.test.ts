import t from 'tap';
import { compareHosts, gradeHost } from '../../../src/rank/grade/index.js';
import { baseline, GOOD_CERT, plainBeforeTls, tls, tlsLegacy } from './facts-fixture.js';

const points = (g: ReturnType<typeof gradeHost>, id: string) => g.security.find((p) => p.id === id)!;

t.test('the baseline gets A+ on c2s (TLS 1.3, forward secrecy, STARTTLS required) with its evidence', async (t) => {
  const g = gradeHost(baseline());
  t.equal(g.c2sTls.grade, 'A+');
  t.same(g.c2sTls.endpoints[0]!.score, { protocol: 100, keyExchange: 90, cipher: 90, total: 93 });
  t.ok(g.c2sTls.facts.includes('c2sTls[0].versionsAccepted'));
  t.same(g.c2sTls.evidence, [0, 1], 'the TLS handshakes, and the stream features that made it A+');
});

t.test('TLS 1.0/1.1 accepted caps the grade at B, naming the rule and its facts', async (t) => {
  const g = gradeHost(tlsLegacy());
  t.equal(g.c2sTls.grade, 'B');
  t.equal(g.s2sTls.grade, 'B');
  const rule = g.c2sTls.endpoints[0]!.rules.find((r) => r.id === 'legacy-tls-accepted')!;
  t.equal(rule.why, 'TLSv1 and TLSv1.1 accepted');
  t.same(rule.facts, ['c2sTls[0].versionsAccepted']);
});

t.test('plain-before-tls loses the STARTTLS-required and no-PLAIN-before-TLS points and A+', async (t) => {
  const base = gradeHost(baseline());
  const g = gradeHost(plainBeforeTls());
  t.equal(points(g, 'c2s-starttls-required').earned, 0);
  t.equal(points(g, 'no-plain-before-tls').earned, 0);
  t.equal(points(base, 'no-plain-before-tls').earned, 1);
  t.equal(g.c2sTls.grade, 'A', 'no A+ without encryption required');
  t.ok(g.total < base.total);
  t.same(points(g, 'no-plain-before-tls').evidence, [1]);
});

t.test('an expired, untrusted or mismatched certificate is F whatever the rest', async (t) => {
  for (const [what, cert] of [
    ['expired', { ...GOOD_CERT, daysToExpiry: -3, notAfter: '2026-12-04T00:00:00Z' }],
    ['untrusted', { ...GOOD_CERT, trusted: false, trustError: 'SELF_SIGNED_CERT_IN_CHAIN' }],
    ['mismatch', { ...GOOD_CERT, identityMatches: false }],
  ] as const) {
    const g = gradeHost(baseline('x.example', { c2sTls: [tls({ certificate: cert })] }));
    t.equal(g.c2sTls.grade, 'F', what);
  }
});

t.test('the worst endpoint sets the direction grade', async (t) => {
  const g = gradeHost(baseline('x.example', { c2sTls: [tls(), tls({ mode: 'direct', port: 5223, ciphers: [{ version: 'TLSv1.2', name: 'AES128-GCM-SHA256', bits: 128, forwardSecret: false }] })] }));
  t.equal(g.c2sTls.endpoints[1]!.grade, 'B');
  t.equal(g.c2sTls.grade, 'B');
});

t.test('3DES-class ciphers cap at C; no TLS 1.2 caps at C; a small RSA key at B; no TLS 1.3 at A-', async (t) => {
  t.equal(gradeHost(baseline('x', { c2sTls: [tls({ minCipherBits: 112 })] })).c2sTls.grade, 'C');
  t.equal(gradeHost(baseline('x', { c2sTls: [tls({ versionsAccepted: ['TLSv1'] })] })).c2sTls.grade, 'C');
  t.equal(gradeHost(baseline('x', { c2sTls: [tls({ certificate: { ...GOOD_CERT, keyBits: 1024 } })] })).c2sTls.grade, 'B');
  t.equal(gradeHost(baseline('x', { c2sTls: [tls({ versionsAccepted: ['TLSv1.2'] })] })).c2sTls.grade, 'A-');
});

t.test('missing facts are unknown, never a default grade, and earn nothing', async (t) => {
  const g = gradeHost(baseline('x', { c2sTls: [], s2sTls: [tls({ certificate: undefined })], features: undefined, federation: undefined, inventory: undefined, unknown: { c2sTls: 'timed out after 5s' } }));
  t.equal(g.c2sTls.grade, 'unknown');
  t.equal(g.c2sTls.unknown, 'timed out after 5s');
  t.equal(g.s2sTls.grade, 'unknown');
  t.equal(g.s2sTls.endpoints[0]!.unknown, 'certificate not observed');
  t.ok(g.security.every((p) => p.earned === null));
  t.equal(g.compliance.percent, null);
  t.equal(g.total, 0);
});

t.test('an unreachable host is unknown everywhere with its reason, and ranks after reachable ones', async (t) => {
  const dead = gradeHost({ domain: 'a-dead.example', probedAt: '', durationMs: 5, unreachable: 'connection refused on 127.0.0.9:5222', c2sTls: [], s2sTls: [], unknown: {}, evidence: [] });
  t.equal(dead.c2sTls.unknown, 'connection refused on 127.0.0.9:5222');
  const weak = gradeHost(baseline('z.example', { c2sTls: [tls({ versionsAccepted: [], versionsRefused: ['TLSv1.2'] })] }));
  t.equal(weak.c2sTls.grade, 'F');
  t.same([dead, weak].sort(compareHosts).map((g) => g.domain), ['z.example', 'a-dead.example']);
});

t.test('ties are broken deterministically by domain, whatever the input order', async (t) => {
  const hosts = ['c.example', 'a.example', 'b.example'].map((d) => gradeHost(baseline(d)));
  const order = [...hosts].sort(compareHosts).map((g) => g.domain);
  t.same(order, ['a.example', 'b.example', 'c.example']);
  t.same([...hosts].reverse().sort(compareHosts).map((g) => g.domain), order);
});

t.test('the baseline ranks above each of its variants', async (t) => {
  const graded = [plainBeforeTls(), tlsLegacy(), baseline()].map(gradeHost).sort(compareHosts);
  t.equal(graded[0]!.domain, 'baseline.example');
});

t.test('compliance counts only known items and names what it read', async (t) => {
  const g = gradeHost(baseline());
  const carbons = g.compliance.items.find((i) => i.id === 'carbons')!;
  t.equal(carbons.present, true);
  t.equal(g.compliance.items.find((i) => i.id === 'direct-tls')!.present, null, 'no DNS and no direct endpoint: unknown');
  t.equal(g.compliance.known, 15);
  t.equal(g.compliance.percent, Math.round((100 * 8) / 15));
});
