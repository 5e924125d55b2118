import t from 'tap';
import { arrivalOffsetsMs, rampDurationMs, rampValueAt } from '../../../src/executors/ramp.js';

t.test('ramp values are linear within stages and hold the last target', async (t) => {
  const ramp = { start: 0, stages: [{ durationMs: 1000, target: 10 }, { durationMs: 1000, target: 10 }, { durationMs: 500, target: 0 }] };
  t.equal(rampDurationMs(ramp), 2500);
  t.equal(rampValueAt(ramp, 0), 0);
  t.equal(rampValueAt(ramp, 500), 5);
  t.equal(rampValueAt(ramp, 1500), 10);
  t.equal(rampValueAt(ramp, 2250), 5);
  t.equal(rampValueAt(ramp, 9999), 0);
});

t.test('a constant rate spaces arrivals evenly', async (t) => {
  const offsets = [...arrivalOffsetsMs({ start: 10, stages: [{ durationMs: 1000, target: 10 }] })];
  t.equal(offsets.length, 10);
  offsets.forEach((offset, i) => t.ok(Math.abs(offset - (i + 1) * 100) < 1e-6, `arrival ${i + 1} at ${offset}`));
});

t.test('a ramping rate delivers the integral of the rate, densest at the top', async (t) => {
  // 0 → 100/s over 2 s: 100 arrivals in all, the first at sqrt(2/50) s.
  const offsets = [...arrivalOffsetsMs({ start: 0, stages: [{ durationMs: 2000, target: 100 }] })];
  t.equal(offsets.length, 100);
  t.ok(Math.abs(offsets[0]! - Math.sqrt(2 / 50) * 1000) < 1e-6);
  t.ok(offsets[1]! - offsets[0]! > offsets[99]! - offsets[98]!, 'gaps shrink as the rate grows');
  t.ok(offsets.every((offset, i) => i === 0 || offset > offsets[i - 1]!), 'strictly increasing');
  t.ok(offsets[99]! <= 2000 + 1e-6);
});

t.test('stages chain, and a zero-rate stage yields nothing', async (t) => {
  const offsets = [...arrivalOffsetsMs({ start: 0, stages: [{ durationMs: 1000, target: 0 }, { durationMs: 1000, target: 20 }, { durationMs: 500, target: 20 }] })];
  t.equal(offsets.length, 20, '10 during the ramp, 10 during the plateau');
  t.ok(offsets[0]! > 1000, 'nothing during the silent stage');
});
