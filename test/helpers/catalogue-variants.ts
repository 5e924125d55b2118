import t, { type Test } from 'tap';
import { startLab } from '../../src/lab/index.js';
import type { LabServer, ServerKind, VariantName } from '../../src/lab/types.js';
import type { CheckResult, Verdict } from '../../src/checks/types.js';
import { describeResults, runChecksOnLab } from './checks.js';
import { BASELINE_DEVIATIONS } from './baseline-deviations.js';
import { BASELINE_VERDICTS } from './baseline-verdicts.js';
import { IBR_NEEDED_SKIPPED, OFFLINE_STORAGE_SKIPPED, type AreaServer } from './check-verdicts.js';

/**
 * The whole catalogue on each lab server's baseline and on each broken variant. The baseline
 * shows what the servers really do: every verdict equals the pinned one (baseline-verdicts.ts),
 * so a check regressing to skip/info/error fails here, and every fail is a listed deviation with
 * its evidence. Each variant changes one thing, and exactly the checks responsible for that thing
 * change verdict — nothing else. One test file per server kind calls testCatalogueVariants.
 */

type Diff = Record<string, Verdict>;

const PLAIN_BEFORE_TLS: Diff = {
  'rfc6120.tls.starttls-required': 'warn', // STARTTLS offered without <required/>
  'rfc6120.tls.no-auth-before-tls': 'skip', // TLS is no longer mandatory, so nothing before it must be refused
  'rfc4616.sasl.no-plain-before-tls': 'warn', // PLAIN offered on the cleartext stream
  'xep0077.register.before-tls': 'warn', // the registration form served without TLS
  'gauntlet.security.cleartext-password-refused': 'fail', // a real password over cleartext PLAIN logs in
};

/** Everything that observes offline storage is skipped once the server refuses to store. */
const NO_OFFLINE: Diff = {
  ...OFFLINE_STORAGE_SKIPPED,
  'xep0160.s2s.offline-from-remote': 'warn', // a message from a remote domain to an offline user bounces
};

const TLS_LEGACY: Record<AreaServer, Diff> = {
  prosody: {
    'rfc8996.tls.legacy-versions-refused': 'fail',
    'gauntlet.security.tls-legacy-versions-refused': 'fail',
    // The variant's OpenSSL cipher list (needed for TLS 1.0/1.1) also admits RSA key transport.
    'rfc9325.tls.forward-secrecy': 'warn',
  },
  ejabberd: {
    'rfc8996.tls.legacy-versions-refused': 'fail',
    'gauntlet.security.tls-legacy-versions-refused': 'fail',
    // ejabberd's baseline already accepts RSA key transport (a baseline warn), so nothing else moves.
  },
};

/** The registration checks need the feature; the form request shows how IBR is switched off. */
const NO_IBR: Record<AreaServer, Diff> = {
  prosody: IBR_NEEDED_SKIPPED, // answers the form request with service-unavailable: still a pass
  ejabberd: { ...IBR_NEEDED_SKIPPED, 'xep0077.register.fields': 'fail' }, // answers it with a <not-authorized/> stream error
};

const VARIANT_DIFFS: Record<AreaServer, Array<[VariantName, Diff]>> = {
  prosody: [['plain-before-tls', PLAIN_BEFORE_TLS], ['no-offline', NO_OFFLINE], ['tls-legacy', TLS_LEGACY.prosody], ['no-ibr', NO_IBR.prosody]],
  ejabberd: [['plain-before-tls', PLAIN_BEFORE_TLS], ['no-offline', NO_OFFLINE], ['tls-legacy', TLS_LEGACY.ejabberd], ['no-ibr', NO_IBR.ejabberd]],
};

/** Two cores shared by many workers: a free port can be taken between choosing and binding it. */
async function startWithRetry(kind: ServerKind, variant: VariantName): Promise<LabServer> {
  try {
    return await startLab(kind, { variant });
  } catch (error) {
    if (!/eaddrinuse/i.test(String((error as Error).message))) throw error;
    return startLab(kind, { variant });
  }
}

async function catalogueOn(t: Test, kind: ServerKind, variant: VariantName): Promise<Map<string, CheckResult>> {
  const lab = await startWithRetry(kind, variant);
  try {
    return await runChecksOnLab(lab, [], { concurrency: 4 });
  } finally {
    await lab.stop();
    t.comment(`${kind} ${variant} done`);
  }
}

/** Registers the baseline and variant tests of one server kind (one file per kind, so tap runs them side by side). */
export function testCatalogueVariants(kind: AreaServer): void {
  t.setTimeout(1_500_000);
  t.test(`${kind}: baseline and the broken variants`, async (t) => {
    const baseline = await catalogueOn(t, kind, 'baseline');
    t.comment(describeResults(baseline.values()));

    t.test('baseline: every verdict is the pinned one; every fail is a listed deviation', async (t) => {
      const deviations = BASELINE_DEVIATIONS[kind];
      const pinned = BASELINE_VERDICTS[kind];
      t.same([...baseline.keys()].sort(), Object.keys(pinned).sort(), 'the pinned table names every check of the catalogue');
      for (const result of baseline.values()) {
        t.equal(result.verdict, pinned[result.id], `${result.id}: ${result.reason}`);
        const known = deviations[result.id];
        if (known) t.match(result.reason, known.evidence, `${result.id} is a known ${kind} deviation: ${known.why}`);
        else t.not(result.verdict, 'fail', `${result.id} fails without a listed deviation: ${result.reason}`);
      }
      for (const id of Object.keys(deviations)) t.equal(pinned[id], 'fail', `listed deviation ${id} is pinned as a fail`);
    });

    for (const [variant, expected] of VARIANT_DIFFS[kind]) {
      const results = await catalogueOn(t, kind, variant);
      t.test(`${variant}: exactly the responsible checks change`, async (t) => {
        for (const [id, verdict] of Object.entries(expected)) {
          t.equal(results.get(id)?.verdict, verdict, `${id} → ${verdict} (${results.get(id)?.reason})`);
        }
        const moved = [...baseline.values()]
          .filter((before) => !(before.id in expected) && results.get(before.id)?.verdict !== before.verdict)
          .map((before) => `${before.id}: ${before.verdict} → ${results.get(before.id)?.verdict} (${results.get(before.id)?.reason})`);
        t.same(moved, [], 'no other check changed verdict');
      });
    }
  });
}
