/**
 * `--metrics NAME=URL` (and `options.metrics` in the scenario): builds the live metrics outputs
 * of a run and reports how their pushes went when it is over.
 */
import { parseOutputSpec, prometheusOutput, type PrometheusOutput } from '../outputs/index.js';
import type { Scenario } from '../scenario/index.js';
import type { PushUrl } from '../util/push-url.js';
import { terminalSafe } from '../util/terminal-text.js';

export const METRICS_OPTION_HELP = 'push live metrics while the run goes on: prometheus=URL (remote write, every second; repeatable; see docs/reports.md)';

export function collectMetrics(spec: string, specs: string[] = []): string[] {
  return [...specs, spec];
}

export interface MetricsOutputs {
  readonly outputs: PrometheusOutput[];
  /** Pushes what is left, then says on `err` if pushes failed. */
  close(): Promise<void>;
}

/** The Prometheus URLs of the run: from --metrics, else from the scenario's options. */
function prometheusTargets(specs: readonly string[], scenario: Scenario): PushUrl[] {
  const fromFlags = specs.map(parseOutputSpec).filter((spec) => spec.name === 'prometheus');
  if (fromFlags.length > 0) return fromFlags.map((spec) => spec.target);
  const fromScenario = scenario.options.metrics?.prometheus;
  return fromScenario ? [{ url: fromScenario.url, username: fromScenario.username, password: fromScenario.password?.reveal() }] : [];
}

export function metricsOutputs(specs: readonly string[], scenario: Scenario, labels: { run: string; segment?: string }, err: NodeJS.WritableStream, quiet: boolean): MetricsOutputs {
  const runLabels = { run: labels.run, scenario: scenario.name, ...(labels.segment ? { segment: labels.segment } : {}) };
  const targets = prometheusTargets(specs, scenario);
  const warn = (message: string) => err.write(`warning: ${message}\n`);
  const outputs = targets.map((target) =>
    prometheusOutput({
      target: { url: target.url, ...(target.username !== undefined ? { auth: { username: target.username, password: target.password ?? '' } } : {}) },
      labels: runLabels,
      warn,
    }),
  );
  if (!quiet) for (const target of targets) err.write(`live metrics: Prometheus remote write to ${target.url} (run="${terminalSafe(labels.run)}")\n`);
  return {
    outputs,
    async close() {
      for (const [index, output] of outputs.entries()) {
        const stats = await output.close();
        const total = stats.sent + stats.failed;
        if (stats.failed > 0) err.write(`warning: prometheus: ${stats.failed} of ${total} pushes to ${targets[index]!.url} failed (first: ${stats.firstError})\n`);
        if (stats.dropped > 0) err.write(`warning: prometheus: ${stats.dropped} snapshots dropped (the receiver was slower than one push a second)\n`);
      }
    },
  };
}

