import type { Test } from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result.js';
import { decodeMetrics } from '../../src/metrics/index.js';
import type { CliRun } from './cli.js';

/** A federation-load run against a target the tool did not start: pre-flight passed, every message both ways arrived. */
export async function expectFederationLoadDelivered(t: Test, run: CliRun, out: string, expected: { minEachWay: number; links: number }): Promise<void> {
  t.equal(run.code, 0, run.err);
  t.match(run.err, /federation pre-flight passed/);
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as RunResult;
  const metrics = decodeMetrics(result.metrics);
  t.same(result.errors.byKind, {}, 'no errors');
  const toRemote = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
  const fromRemote = metrics.counterTotal('stanzas_sent{kind=message,side=s2s}') ?? 0;
  t.ok(toRemote >= expected.minEachWay && fromRemote >= expected.minEachWay, `messages sent: ${toRemote} local → remote, ${fromRemote} remote → local`);
  t.equal(metrics.latency('c2s_to_s2s_e2e')?.count, toRemote, 'every local → remote message reached its remote user');
  t.equal(metrics.latency('s2s_to_c2s_e2e')?.count, fromRemote, 'every remote → local message reached its local user');
  t.equal(metrics.latency('s2s_auth')?.count, expected.links, 'one dialback link per peer domain');
}
