/**
 * Execution segments (k6's idea): shard `index` of `count` runs its share of one scenario so that
 * the union of all shards is exactly the unsharded run. Everything countable is striped: global
 * item j (a closed-model user, an arrival, an account) belongs to the shard with j ≡ index-1
 * (mod count). Striping, unlike contiguous ranges, keeps every share monotone as a total grows (a
 * ramp never removes a shard's user while the total rises) and spreads arrivals evenly in time.
 */
import { GauntletError } from './errors.js';

export interface Segment {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** The whole scenario: one shard of one. */
export const WHOLE: Segment = { index: 1, count: 1 };

/** Parses `I/N` (1 ≤ I ≤ N), as written on the command line. */
export function parseSegment(text: string): Segment {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new GauntletError('usage', `--segment ${JSON.stringify(text)} is not a segment`, { hint: 'write I/N with 1 <= I <= N, e.g. --segment 2/4 for the second quarter' });
  }
  return { index, count };
}

export function formatSegment(segment: Segment): string {
  return `${segment.index}/${segment.count}`;
}

/** This shard's part of `total` items numbered 0..total-1: how many j < total have j ≡ index-1. */
export function shareOf(segment: Segment, total: number): number {
  if (!Number.isFinite(total)) return total;
  const first = segment.index - 1;
  return total <= first ? 0 : Math.floor((total - first - 1) / segment.count) + 1;
}

/** True when global item `j` (an arrival's rank, a user's number) belongs to this shard. */
export function owns(segment: Segment, j: number): boolean {
  return j % segment.count === segment.index - 1;
}

/** The shard's local item `local` as its global number. */
export function globalIndex(segment: Segment, local: number): number {
  return segment.index - 1 + local * segment.count;
}

/** The items of `all` this shard owns, in order (the shard's accounts). */
export function stripe<T>(segment: Segment, all: readonly T[]): T[] {
  return all.filter((_, j) => owns(segment, j));
}

/** Keeps the items of an ordered sequence (an arrival schedule) whose rank this shard owns. */
export function* stripeOf<T>(segment: Segment, sequence: Iterable<T>): Generator<T> {
  let j = 0;
  for (const item of sequence) if (owns(segment, j++)) yield item;
}
