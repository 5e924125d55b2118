import t from 'tap';
import { startLab, type ServerKind, type VariantName } from '../../src/lab/index.js';
import type { CheckResult } from '../../src/checks/types.js';
import { describeResults, runChecksOnLab, wireText } from '../helpers/checks.js';
import { KNOWN_S2S as KNOWN } from '../helpers/s2s-known.js';
import { AREA_SERVERS } from '../helpers/check-verdicts.js';

// Six lab runs (two servers × baseline and two variants), each starting a server.
t.setTimeout(1_500_000);

/** The checks each variant must turn into `fail`; every other check keeps its baseline verdict. */
const RESPONSIBLE: Partial<Record<VariantName, string[]>> = {
  's2s-cleartext': ['rfc6120.s2s.tls-before-dialback'],
  'no-dialback': [],
};

/** Dialback is optional (XEP-0220 §2.4): without it these skip with the reason, never fail. */
const DIALBACK_CHECKS = ['xep0220.s2s.verifies-key', 'xep0220.s2s.valid-result', 'xep0220.s2s.invalid-result', 'xep0220.s2s.verify-answers'];

async function runS2s(kind: ServerKind, variant: VariantName): Promise<Map<string, CheckResult>> {
  const lab = await startLab(kind, { variant });
  try {
    return await runChecksOnLab(lab, 's2s');
  } finally {
    await lab.stop();
  }
}

for (const kind of AREA_SERVERS) {
  t.test(`s2s catalogue on lab ${kind}`, async (t) => {
    const baseline = await runS2s(kind, 'baseline');
    t.comment(`baseline:\n${describeResults(baseline.values())}`);
    t.ok(baseline.size >= 15, `at least 15 s2s checks (${baseline.size})`);
    for (const [id, result] of baseline) {
      t.equal(result.verdict, KNOWN[kind][id] ?? 'pass', `baseline ${id}: ${result.reason}`, result.verdict === 'error' ? { wire: wireText(result) } : {});
    }

    for (const [variant, responsible] of Object.entries(RESPONSIBLE) as Array<[VariantName, string[]]>) {
      t.test(`variant ${variant}`, async (t) => {
        const results = await runS2s(kind, variant);
        t.comment(describeResults(results.values()));
        for (const [id, result] of results) {
          if (variant === 'no-dialback' && DIALBACK_CHECKS.includes(id)) {
            t.equal(result.verdict, 'skip', `${variant} ${id}: ${result.reason}`);
            t.match(result.reason, /^the server does not offer dialback \(optional, XEP-0220 §2\.4\): /);
            continue;
          }
          const expected = responsible.includes(id) ? 'fail' : baseline.get(id)!.verdict;
          // A check that does not apply on the variant (skip) is no false alarm either.
          if (!responsible.includes(id) && result.verdict === 'skip') continue;
          t.equal(result.verdict, expected, `${variant} ${id}: ${result.reason}`);
        }
      });
    }
  });
}
