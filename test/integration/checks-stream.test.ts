import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { deviationsIn } from '../helpers/baseline-deviations.js';
import { describeResults, runChecksOnLab, wireText } from '../helpers/checks.js';

/**
 * Area A (stream) on the baseline lab servers. Every MUST passes or is an explained skip/info,
 * except the deviations listed in test/helpers/baseline-deviations.ts: each is a real behaviour of
 * that server, observed on the wire (the reason pattern is the evidence), and the test fails if it
 * ever stops happening.
 */
for (const kind of ['prosody', 'ejabberd'] as const) {
  t.test(`stream checks on baseline ${kind}`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const results = await runChecksOnLab(lab, 'stream');
    t.comment(describeResults(results.values()));
    t.ok(results.size >= 20, `${results.size} stream checks ran`);

    for (const result of results.values()) {
      const known = deviationsIn(kind, 'stream')[result.id];
      if (known) {
        t.equal(result.verdict, 'fail', `${result.id}: known deviation still observed (${known.why})`);
        t.match(result.reason, known.evidence, `${result.id}: evidence`);
        continue;
      }
      t.not(result.verdict, 'error', `${result.id} ran (${result.reason})`);
      if (result.level === 'MUST') {
        t.ok(['pass', 'skip', 'info'].includes(result.verdict), `${result.id} (MUST): ${result.verdict} — ${result.reason}`, {
          wire: result.verdict === 'fail' ? wireText(result) : undefined,
        });
      }
    }
    // Both servers echo the unknown domain as 'from' before <host-unknown/> (a SHOULD: warn).
    t.match(results.get('rfc6120.stream.error-header-from'), { verdict: 'warn', reason: /claims to be from the unknown domain/ });
    // Spot checks that the EITHER-style checks recorded what they saw.
    t.match(results.get('rfc6120.stream.forged-from')?.reason, /overwrote the forged 'from'|<invalid-from\/>/);
    t.match(results.get('rfc6120.stream.jabber-server-on-c2s')?.reason, /'jabber:server' header on the client port got/);
  });
}
