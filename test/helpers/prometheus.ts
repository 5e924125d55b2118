/**
 * A real Prometheus (Debian's `prometheus` 2.42) for the live-metrics tests: started on a free
 * loopback port with the remote-write receiver on and a throwaway storage directory, stopped by
 * the test. Absent binary → `skip` says why (CI installs it, see .ci/run).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../../src/lab/ports.js';
import { spawnServer, stopPid } from '../../src/lab/process.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface RunningPrometheus {
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly writeUrl: string;
  /** An instant query; returns the result vector (label sets and values). */
  query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  stop(): Promise<void>;
}

export function prometheusMissing(): string | false {
  return existsSync(PROMETHEUS_BIN) ? false : `${PROMETHEUS_BIN} is not installed here (Debian package "prometheus"; gauntlet setup tests installs it)`;
}

async function waitReady(base: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    if (Date.now() > until) throw new Error(`Prometheus at ${base} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startPrometheus(): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  // No scrape jobs: everything arrives by remote write.
  writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const [port] = await freePorts(1);
  const base = `http://127.0.0.1:${port}`;
  const server = spawnServer(
    PROMETHEUS_BIN,
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver'],
    { cwd: dir, logFile: join(dir, 'prometheus.log') },
  );
  const stop = async () => {
    await stopPid(server.pid);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(base, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    writeUrl: `${base}/api/v1/write`,
    async query(promql) {
      const response = await fetch(`${base}/api/v1/query?${new URLSearchParams({ query: promql })}`);
      const body = (await response.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      if (body.status !== 'success') throw new Error(`query ${promql}: ${body.error}`);
      return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    stop,
  };
}
