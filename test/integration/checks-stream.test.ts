import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { deviationsIn } from '../helpers/baseline-deviations.js';
import { BASELINE_VERDICTS } from '../helpers/baseline-verdicts.js';
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
      // The exact pinned verdict: a regression to skip/info/error fails as much as a new fail.
      t.equal(result.verdict, BASELINE_VERDICTS[kind][result.id], `${result.id}: ${result.reason}`, { wire: result.verdict === 'pass' ? undefined : wireText(result) });
      const known = deviationsIn(kind, 'stream')[result.id];
      if (known) t.match(result.reason, known.evidence, `${result.id}: known deviation still observed (${known.why})`);
    }
    // RFC 6120 §11.1: closing is the MUST, the restricted-xml condition a SHOULD. Prosody closes
    // with not-well-formed (warn); ejabberd's parser drops comments and PIs silently (fail).
    const comment = results.get('rfc6120.stream.restricted-xml-comment');
    t.match(comment?.reason, kind === 'prosody' ? /stream error <not-well-formed\/>, expected <restricted-xml\/>/ : /no stream error came/);
    // Both servers echo the unknown domain as 'from' before <host-unknown/> (RFC 6120 §4.9.1.3, a MUST: fail).
    t.match(results.get('rfc6120.stream.error-header-from'), { verdict: 'fail', reason: /claims to be from the unknown domain/ });
    // Spot checks that the EITHER-style checks recorded what they saw.
    t.match(results.get('rfc6120.stream.forged-from')?.reason, /overwrote the forged 'from'|<invalid-from\/>/);
    t.match(results.get('rfc6120.stream.jabber-server-on-c2s')?.reason, /'jabber:server' header on the client port got/);
  });
}
