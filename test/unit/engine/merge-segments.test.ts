import t from 'tap';
import { checkSegments, describeCoverage } from '../../../src/engine/merge-segments.js';
import { mergeResults } from '../../../src/engine/merge-results.js';
import { RESULT_FORMAT, type RunResult } from '../../../src/engine/result.js';
import { MetricsRegistry, encodeRegistry } from '../../../src/metrics/index.js';
import { GauntletError } from '../../../src/util/errors.js';

const SCENARIO = { name: 'chat', load: { phases: [] }, flow: [{ kind: 'login' }], thresholds: { connections_opened: ['count < 5'] } };

/** A segment that opened `connections` connections. */
function segment(index: number | undefined, count: number, connections: number, digest = 'sha256:aa'): { file: string; result: RunResult } {
  const metrics = new MetricsRegistry({ startEpochMs: Date.parse('2026-12-07T05:00:00Z') });
  metrics.increment('connections_opened', undefined, connections);
  const iso = '2026-12-07T05:00:00.000Z';
  return {
    file: `s${index}/result.json`,
    result: {
      format: RESULT_FORMAT,
      tool: { name: 'xmpp-gauntlet', version: '0.1.0' },
      scenario: SCENARIO,
      environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1 },
      target: { domain: 'a.example', host: '127.0.0.1', port: 5222, tls: 'starttls', via: 'explicit' },
      timings: { startedAt: iso, endedAt: iso, durationMs: 0, loadMs: 0, phases: [] },
      metrics: encodeRegistry(metrics),
      thresholds: [],
      errors: { total: 0, byKind: {}, sample: [] },
      interrupted: false,
      scenarioDigest: digest,
      ...(index === undefined ? {} : { segment: { index, count } }),
    },
  };
}

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return error instanceof GauntletError && error.code === 'usage' ? `${error.message} | ${error.hint}` : `unexpected: ${String(error)}`;
  }
  return 'not refused';
}

t.test('all segments: merged, thresholds judged on the sum', async (t) => {
  const merged = mergeResults([1, 2, 3, 4].map((i) => segment(i, 4, 2)));
  t.same(merged.segments, { merged: [1, 2, 3, 4], count: 4, partial: false });
  t.equal(merged.segment, undefined, 'a merge is no longer one segment');
  t.match(merged.thresholds.find((x) => x.metric === 'connections_opened'), { ok: false, observed: 8 }, 'each shard passes count < 5, the merge does not');
  t.equal(describeCoverage(merged.segments), undefined);
});

t.test('missing segments are refused, or merged with --partial and said so', async (t) => {
  const three = [1, 2, 4].map((i) => segment(i, 4, 1));
  t.match(refusal(() => mergeResults(three)), /segments missing: 3\/4 \(have 3\/4 of the scenario\) \| .*--partial/);
  const merged = mergeResults(three, { allowPartial: true });
  t.equal(describeCoverage(merged.segments), 'partial: 3/4 of the scenario (segments 1, 2, 4 of 4)');
  t.same(mergeResults([segment(2, 4, 1)], { allowPartial: true }).segments, { merged: [2], count: 4, partial: true }, 'one segment alone, with --partial');
});

t.test('overlaps, other cuts, other scenarios and mixtures are refused', async (t) => {
  t.match(refusal(() => checkSegments([segment(1, 2, 1), segment(1, 2, 1), segment(2, 2, 1)], false)), /segments overlap: s1\/result.json and s1\/result.json are both segment 1\/2/);
  t.match(refusal(() => checkSegments([segment(1, 2, 1), segment(2, 3, 1)], true)), /segment 2\/3, the others are of 2/);
  t.match(refusal(() => checkSegments([segment(1, 2, 1), segment(2, 2, 1, 'sha256:bb')], true)), /ran a different scenario .*digests differ/);
  t.match(refusal(() => checkSegments([segment(1, 2, 1), segment(undefined, 2, 1)], true)), /is a whole run, the others are segments/);
  t.equal(checkSegments([segment(undefined, 1, 1), segment(undefined, 1, 1)], false), undefined, 'separate whole runs merge as before');
});
