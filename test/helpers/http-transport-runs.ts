/**
 * The smoke flow over WebSocket or BOSH against a lab server addressed as an outside user would:
 * domain, host, CA and in-band registered accounts, the endpoint given as a URL or discovered
 * through XEP-0156 host-meta. Shared by the per-server transport tests.
 */
import type { Test } from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run.js';
import type { RunResult } from '../../src/engine/result.js';
import type { LabServer } from '../../src/lab/types.js';
import { decodeMetrics, type DecodedMetrics } from '../../src/metrics/index.js';
import { loadScenarioFile } from '../../src/scenario/index.js';

export interface TransportRun {
  transport: 'websocket' | 'bosh';
  /** `url`: the lab's endpoint given; `host-meta`: found through the lab's host-meta URL. */
  endpoint: 'url' | 'host-meta';
  prefix: string;
}

export async function runOverTransport(lab: LabServer, run: TransportRun): Promise<{ result: RunResult; metrics: DecodedMetrics }> {
  const http = lab.http!;
  const where = run.endpoint === 'url' ? `url: ${run.transport === 'websocket' ? http.websocket : http.bosh}` : `host_meta: ${http.hostMeta}`;
  const dir = mkdtempSync(join(tmpdir(), `gauntlet-${run.transport}-`));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(
    file,
    `name: ${run.transport}-outside
target:
  domain: ${lab.domains[0]}
  host: ${lab.host}
  ca: ${lab.caFile}
  transport: ${run.transport}
  ${where}
accounts: { register: { username: '${run.prefix}{n}', password: 'pw-{n}-secret', count: 4 } }
load: { phases: [{ executor: constant-users, users: 4, iterations: 1 }] }
flow:
  - login
  - presence
  - wait: online
  - loop:
      count: 5
      steps:
        - message: { to: random-online, body: 'hello from {user}' }
        - think: 50ms
  - think: 1s
  - wait: done
  - disconnect
options: { timeout: 10s }
`,
  );
  const scenario = await loadScenarioFile(file, { env: {} });
  const { result } = await runScenario(scenario, { version: 'test', out: join(dir, 'out') });
  return { result, metrics: decodeMetrics(result.metrics) };
}

/** Every message the flow sent arrived and was measured; the transport's own set-up was timed. */
export function expectEveryMessage(t: Test, lab: LabServer, run: TransportRun, { result, metrics }: { result: RunResult; metrics: DecodedMetrics }): void {
  t.same(result.errors.byKind, {}, 'no errors');
  t.match(result.target, { domain: lab.domains[0], transport: run.transport, via: run.endpoint });
  t.match(result.target.url, run.transport === 'websocket' ? /^wss:\/\// : /^https:\/\//, `the ${run.transport} endpoint is encrypted`);
  t.notOk(result.target.lab, 'no lab on the run\'s side');
  const sent = metrics.counterTotal('stanzas_sent{kind=message}') ?? 0;
  t.equal(sent, 20, 'each of 4 users sent 5 messages');
  t.equal(metrics.latency('message_e2e')?.count, sent, 'every message arrived and was measured');
  t.equal(metrics.latency('login_total')?.count, 4, 'one login per user');
  t.notOk(metrics.latency('tcp_connect'), 'no bare TCP connect is recorded');
  if (run.transport === 'websocket') t.equal(metrics.latency('ws_connect')?.count, 4, 'ws_connect per login');
  else {
    t.equal(metrics.latency('bosh_session_create')?.count, 4, 'bosh_session_create per login');
    t.ok((metrics.latency('bosh_request_rtt')?.count ?? 0) > 20, 'bosh_request_rtt per request');
  }
}
