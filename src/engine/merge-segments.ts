import { GauntletError } from '../util/errors.js';
import type { RunResult } from './result.js';

interface Shard {
  readonly file: string;
  readonly result: RunResult;
}

export type Coverage = NonNullable<RunResult['segments']>;

/**
 * Checks that shards are segments of one test that can be added up: the same scenario digest
 * (target and accounts included), segments of one N, none twice. Missing segments are refused
 * unless `allowPartial`; the merge then says which it holds. Results without segments (separate
 * runs of one scenario, each with its own accounts, say) are merged as before, with no coverage.
 */
export function checkSegments(shards: readonly Shard[], allowPartial: boolean): Coverage | undefined {
  const segmented = shards.filter((shard) => shard.result.segment);
  if (segmented.length === 0) return undefined;
  if (segmented.length < shards.length) {
    const plain = shards.find((shard) => !shard.result.segment)!;
    throw new GauntletError('usage', `${plain.file} is a whole run, the others are segments`, { hint: 'merge the segments of one run only' });
  }
  const digests = new Set(shards.map((shard) => shard.result.scenarioDigest).filter((digest) => digest !== undefined));
  if (digests.size > 1) {
    const [first] = shards as [Shard];
    const other = shards.find((shard) => shard.result.scenarioDigest !== first.result.scenarioDigest)!;
    throw new GauntletError('usage', `${other.file} ran a different scenario than ${first.file} (scenario digests differ)`, {
      hint: 'every shard must run the same scenario file with the same -e values',
    });
  }
  const count = segmented[0]!.result.segment!.count;
  const seen = new Map<number, string>();
  for (const { file, result } of segmented) {
    const segment = result.segment!;
    if (segment.count !== count) {
      throw new GauntletError('usage', `${file} is segment ${segment.index}/${segment.count}, the others are of ${count}`, { hint: 'merge segments cut the same way (the same N)' });
    }
    const twice = seen.get(segment.index);
    if (twice) throw new GauntletError('usage', `segments overlap: ${twice} and ${file} are both segment ${segment.index}/${count}`, { hint: 'pass each segment once' });
    seen.set(segment.index, file);
  }
  const merged = [...seen.keys()].sort((a, b) => a - b);
  const partial = merged.length < count;
  if (partial && !allowPartial) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
    throw new GauntletError('usage', `segments missing: ${missing.map((index) => `${index}/${count}`).join(', ')} (have ${merged.length}/${count} of the scenario)`, {
      hint: 'pass every segment, or --partial to merge what there is (thresholds are then judged on part of the load)',
    });
  }
  return { merged, count, partial };
}

/** "partial: 3/4 of the scenario (segments 1, 2, 4)" for a merge that lacks segments. */
export function describeCoverage(coverage: Coverage | undefined): string | undefined {
  if (!coverage?.partial) return undefined;
  return `partial: ${coverage.merged.length}/${coverage.count} of the scenario (segments ${coverage.merged.join(', ')} of ${coverage.count})`;
}
