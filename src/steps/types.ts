/**
 * Contract between the engine (which schedules virtual users) and the steps room (which runs a
 * scenario's flow for one user). The engine never looks inside a step; steps never schedule users.
 */

/** How simulated clients reach the target: resolved once by the engine (lab, SRV or host/port). */
export interface ConnectionTarget {
  domain: string;
  host: string;
  port: number;
  tls: 'starttls' | 'direct' | 'none';
  /** PEM text of the CA to trust; undefined = the system roots. */
  caPem?: string;
  /** PLAIN (or any password mechanism) without TLS only when the scenario says so explicitly. */
  allowCleartextAuth: boolean;
  /** How sessions reach the server; default tcp (host, port and tls above). */
  transport?: 'tcp' | 'websocket' | 'bosh';
  /** The WebSocket or BOSH endpoint (given, or discovered through XEP-0156); `host` is where to connect. */
  url?: string;
}

/** One simulated user's identity. Passwords never leave this object into results or logs. */
export interface VirtualUser {
  /** The user's number, the `{n}` of templates (counts up from `accounts.*.from`). */
  n: number;
  username: string;
  password: string;
  domain: string;
  /** Bare JID username@domain. */
  jid: string;
}

/** Where problems seen during the run go (counted by kind, a bounded sample kept for the report). */
export interface ErrorSink {
  record(kind: string, message: string, context?: { user?: string; step?: string; condition?: string }): void;
}

export interface IterationOptions {
  signal: AbortSignal;
  /** 0-based count of this user's iterations. */
  iteration: number;
  /**
   * For rate-driven (open model) arrivals: the epoch ms at which this iteration should have
   * started. Latencies measured in it are also recorded corrected for coordinated omission.
   */
  intendedStartMs?: number;
  /**
   * Fires when the phase ends (graceful stop): loops finish their current pass and stop, so the
   * steps after them (a `disconnect`) still run and the iteration completes.
   */
  windDown?: AbortSignal;
}

export type IterationOutcome = 'completed' | 'failed' | 'aborted';

export interface FlowRunner {
  /** Runs the flow once for one user. Step failures are recorded, never thrown. */
  runIteration(user: VirtualUser, options: IterationOptions): Promise<IterationOutcome>;
  /** Users currently inside an iteration (barriers wait for these). */
  liveUsers(): number;
  /** Closes every session still open (end of run, SIGINT). */
  closeAll(): Promise<void>;
}
