import type { Scenario } from '../scenario/index.js';
import { GauntletError } from '../util/errors.js';
import { formatSegment, type Segment } from '../util/segment.js';

/**
 * What a shard cannot share with the other shards is refused before anything starts: a lab
 * target (each shard would start a server of its own, so the shards would not load one server)
 * and simulated peer domains (the target connects to one listener per domain).
 */
export function checkSegmentable(scenario: Scenario, segment: Segment): void {
  if (segment.count === 1) return;
  const shard = `segment ${formatSegment(segment)}`;
  if (scenario.target.kind === 'lab') {
    throw new GauntletError('usage', `${shard}: a lab target cannot be split, each shard would start its own server`, {
      hint: 'start one with `gauntlet lab up prosody --keep` and give its domain, host, port and ca as the target',
    });
  }
  if (scenario.peers) {
    throw new GauntletError('usage', `${shard}: scenarios with simulated peer domains (peers:) cannot be split yet`, {
      hint: 'run the federation scenario in one process',
    });
  }
}
