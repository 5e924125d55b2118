import t from 'tap';
import { sampleThinkMs } from '../../../src/steps/think.js';

/** mulberry32: a small seeded PRNG, so the distribution checks are repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

t.test('constant is always the given pause', async (t) => {
  t.equal(sampleThinkMs({ distribution: 'constant', ms: 250 }, () => 0.7), 250);
});

t.test('uniform stays within [min, max] and spans it', async (t) => {
  const delay = { distribution: 'uniform', minMs: 1000, maxMs: 3000 } as const;
  t.equal(sampleThinkMs(delay, () => 0), 1000);
  t.equal(sampleThinkMs(delay, () => 0.5), 2000);
  const random = seeded(1);
  const samples = Array.from({ length: 5000 }, () => sampleThinkMs(delay, random));
  t.ok(samples.every((ms) => ms >= 1000 && ms < 3000));
  t.ok(Math.min(...samples) < 1050 && Math.max(...samples) > 2950, 'both ends are reached');
});

t.test('exponential has the given mean and is never negative', async (t) => {
  const delay = { distribution: 'exponential', meanMs: 2000 } as const;
  t.equal(sampleThinkMs(delay, () => 0), 0);
  const random = seeded(42);
  const samples = Array.from({ length: 20_000 }, () => sampleThinkMs(delay, random));
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  t.ok(samples.every((ms) => ms >= 0 && Number.isFinite(ms)));
  t.ok(Math.abs(mean - 2000) < 60, `mean ${mean.toFixed(0)} ms is within 3% of 2000 ms`);
  const median = [...samples].sort((a, b) => a - b)[samples.length / 2]!;
  t.ok(Math.abs(median - 2000 * Math.LN2) < 60, `median ${median.toFixed(0)} ms ≈ mean·ln 2`);
});
