/**
 * Runs one `http_load` phase from what the engine resolved for it (URLs, trust, upload slots).
 * Every phase is bounded by its amount or duration (an amount alone by MAX_PHASE_MS) and stops
 * at once on the run's abort signal, keeping what it recorded.
 */
import type { MetricsRegistry } from '../metrics/index.js';
import type { HttpPhase } from '../scenario/types.js';
import { boshSessionLoad } from './bosh-session.js';
import { LATENCY } from '../metrics/index.js';
import { statusOnly, type Exchange } from './exchange.js';
import { runStage, type StageOutcome } from './stage.js';
import type { HttpTrust } from './trust.js';
import { runUpload, type Slot, type UploadOutcome } from './upload.js';

/** The longest a phase with only `amount` may run. */
export const MAX_PHASE_MS = 10 * 60_000;

export interface HttpPhaseTargets {
  /** The URL the phase's requests go to (host-meta, BOSH, the url template made absolute). */
  url?: string;
  /** The XMPP domain (the `to` of BOSH session creations). */
  domain: string;
  /** Upload slots, requested over XMPP by the engine (upload phases only). */
  slots?: readonly Slot[];
}

export interface HttpPhaseContext {
  metrics: MetricsRegistry;
  signal: AbortSignal;
  trust: HttpTrust;
  /** The scenario's options.timeout, for phases without their own. */
  defaultTimeoutMs: number;
}

export interface HttpPhaseOutcome {
  responses: number;
  failures: number;
  untrusted?: string;
  unreachable?: string;
  upload?: UploadOutcome;
}

function staticExchange(method: string, path: string, headers: Record<string, string>, body?: string): Exchange {
  return { method, path, headers, body, metric: LATENCY.httpLatency, judge: statusOnly };
}

const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

export async function runHttpPhase(phase: HttpPhase, targets: HttpPhaseTargets, context: HttpPhaseContext): Promise<HttpPhaseOutcome> {
  const base = {
    endpoint: phase.label,
    trust: context.trust,
    connections: phase.connections,
    rate: phase.rate,
    timeoutMs: phase.timeoutMs ?? context.defaultTimeoutMs,
    metrics: context.metrics,
    signal: context.signal,
  };
  if (phase.endpoint === 'upload') {
    const upload = await runUpload(targets.slots ?? [], phase.size, { ...base, durationMs: MAX_PHASE_MS });
    const responses = upload.verified;
    return { responses, failures: upload.files - upload.verified, untrusted: upload.untrusted, unreachable: upload.unreachable, upload };
  }
  const url = targets.url!;
  const bounds = { amount: phase.amount, durationMs: phase.duration ?? MAX_PHASE_MS };
  let outcome: StageOutcome;
  if (phase.endpoint === 'bosh-session') {
    // Creation and terminate alternate on each connection: give every connection whole pairs.
    const sessions = phase.amount === undefined ? undefined : Math.ceil(phase.amount / phase.connections);
    const load = boshSessionLoad(targets.domain, pathOf(url), phase.label);
    outcome = await runStage({ ...base, ...bounds, amount: undefined, perConnection: sessions && sessions * 2, url, exchange: load.next });
  } else {
    const exchange =
      phase.endpoint === 'host-meta'
        ? staticExchange('GET', pathOf(url), { Accept: 'application/xrd+xml' })
        : staticExchange(phase.request.method ?? 'GET', pathOf(url), { ...(phase.request.headers ?? {}) }, phase.request.body);
    outcome = await runStage({ ...base, ...bounds, pipelining: phase.pipelining, url, exchange });
  }
  return { responses: outcome.responses, failures: outcome.failures, untrusted: outcome.untrusted, unreachable: outcome.unreachable };
}
