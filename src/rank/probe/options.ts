/**
 * How gently `probeHost` treats a host: every step has a timeout, connections to one host are
 * few and spaced out, and the caller can abort the whole probe. Defaults suit public hosts.
 */
import type { StreamLimits } from '../../xmpp/limits.js';
import type { RankObserver } from './observer.js';

/** The probes `probeHost` can run; `federation` includes the service inventory. */
export const PROBE_NAMES = ['dns', 'c2s-tls', 's2s-tls', 'features', 'federation', 'account'] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

export interface ProbeOptions {
  /** Which probes run (default all); the facts of the others are unknown, "not selected". */
  probes?: readonly ProbeName[];
  /** Per step (one DNS query, one connect, one handshake, one answer awaited). */
  stepTimeoutMs: number;
  /** The whole host: past this the remaining probes are skipped with a reason. */
  hostTimeoutMs: number;
  /** Pause between two connections to the same host. */
  politenessDelayMs: number;
  /** Connections open at once to one host (the issue asks for a few at most). */
  maxParallelPerHost: number;
  /** PEM CA file contents to trust instead of the system roots (undefined: system roots). */
  ca?: string | string[];
  /** DNS server(s) as "ip" or "ip:port" (tests point at the lab DNS); undefined: the system's. */
  dnsServers?: string[];
  /** The observer domain the tool plays (observer.ts); federation and inventory probes run only with one. */
  observer?: RankObserver;
  /**
   * The password behind an entry's `passwordEnv` (the CLI reads the environment; library code
   * never does). Without it, or without an account in the entry, the account probe does not run.
   */
  passwordOf?: (passwordEnv: string) => string | undefined;
  /** Stream bounds for every parser fed by the host (defaults: streamLimits()). */
  limits?: Readonly<StreamLimits>;
  /** Stops every probe of this host promptly; the facts so far are returned with reasons. */
  signal?: AbortSignal;
}

export const DEFAULT_PROBE_OPTIONS: Readonly<ProbeOptions> = Object.freeze({
  stepTimeoutMs: 10_000,
  hostTimeoutMs: 120_000,
  politenessDelayMs: 250,
  maxParallelPerHost: 2,
});

/** The options with defaults filled in and the parallel count held to the polite range (1–3). */
export function settleProbeOptions(options: Partial<ProbeOptions>): ProbeOptions {
  const settled = { ...DEFAULT_PROBE_OPTIONS, ...options };
  return { ...settled, maxParallelPerHost: Math.min(3, Math.max(1, Math.floor(settled.maxParallelPerHost))) };
}
