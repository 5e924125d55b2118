/**
 * What a step sees: the run-wide state every user shares (target, metrics, online sessions,
 * barriers) and this user's own state for one iteration (session, roster cache, seq counter).
 */
import type { Labels, MetricsRegistry } from '../metrics/index.js';
import type { Step, StepKind } from '../scenario/types.js';
import type { Session } from '../xmpp/index.js';
import type { Barriers } from './barriers.js';
import type { Deliveries } from './deliveries.js';
import type { FederationTally } from './federation.js';
import { StepFailure } from './failures.js';
import type { OnlineRegistry } from './online.js';
import type { RunPeers } from './peers.js';
import type { RosterItem } from './roster.js';
import type { Stamp } from './stamp.js';
import { renderTemplate } from './template.js';
import type { ConnectionTarget, ErrorSink, VirtualUser } from './types.js';

export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

/** One step's behaviour: `run` in each step file. Failures are thrown, never recorded here. */
export type StepRun<K extends StepKind> = (ctx: StepContext, step: StepOf<K>) => Promise<void>;

export interface RunState {
  /** Marks this run's e2e stamps, so stamps from an earlier run are not measured. */
  readonly runId: string;
  readonly target: ConnectionTarget;
  /** The second server of a two-server run (`federate_with`). */
  readonly federatedTarget?: ConnectionTarget;
  /** Messages crossing between the two servers of a two-server run. */
  readonly federation?: FederationTally;
  readonly metrics: MetricsRegistry;
  readonly errors: ErrorSink;
  readonly online: OnlineRegistry;
  /** Messages owed to each session, for a close that loses none. */
  readonly deliveries: Deliveries;
  readonly barriers: Barriers;
  /** Every session open now, for closeAll. */
  readonly sessions: Set<Session>;
  /** `{seq}` per username: counts the user's step executions over the whole run. */
  readonly seqByUser: Map<string, number>;
  /** options.timeout, for closing sessions at the end of an iteration. */
  readonly defaultTimeoutMs: number;
  readonly random: () => number;
  /** Simulated peer domains, when the scenario has a `peers:` section. */
  readonly peers?: RunPeers;
  /** Unclaimed stanzas each session keeps (login.ts inboxLimitFor); 256 when not given. */
  readonly inboxLimit?: number;
}

export class StepContext {
  session?: Session;
  /** Bare JID → item; undefined until the roster was fetched in this session. */
  roster?: Map<string, RosterItem>;
  /** When this session sent its first available presence (epoch ms, precise clock). */
  initialPresenceMs?: number;
  /** Fires when the phase is ending: loops stop after their current pass (see IterationOptions). */
  windDown?: AbortSignal;
  #seq = 0;

  constructor(
    readonly run: RunState,
    readonly user: VirtualUser,
    readonly signal: AbortSignal,
    /**
     * For rate-driven iterations (and passes of a loop with a rate): how late this one started
     * against its intended time (ms, ≥ 0). Latencies are then also recorded corrected by it
     * (coordinated omission).
     */
    public lagMs: number | undefined,
    /** Runs nested steps (loop bodies) with the same context. */
    readonly runSteps: (steps: readonly Step[]) => Promise<void>,
  ) {}

  /** Called once per step execution: the `{seq}` that step's templates see. */
  nextSeq(): void {
    this.#seq = (this.run.seqByUser.get(this.user.username) ?? 0) + 1;
    this.run.seqByUser.set(this.user.username, this.#seq);
  }

  render(text: string): string {
    return renderTemplate(text, { user: this.user.username, n: this.user.n, seq: this.#seq, domain: this.user.domain });
  }

  /** The e2e stamp for a stanza sent at `sentMs`; rate-driven iterations add the intended time. */
  stamp(sentMs: number): Stamp {
    return { run: this.run.runId, sentMs, intendedMs: this.lagMs === undefined ? undefined : sentMs - this.lagMs };
  }

  /** The open session, or a failure saying the flow has none here. */
  requireSession(): Session {
    if (!this.session) throw new StepFailure('step', 'no-session', 'this step needs a session: add a login step before it');
    if (this.session.closed) throw new StepFailure('connection', 'closed', 'the session was closed (by the server or the network) before this step');
    return this.session;
  }

  /**
   * Records a latency measured from `startMs` to `endMs` (same clock). In a rate-driven
   * iteration it goes through the registry's coordinated-omission API, `lagMs` earlier
   * being when it should have started.
   */
  recordLatency(name: string, startMs: number, endMs: number, labels?: Labels): void {
    const { metrics } = this.run;
    if (this.lagMs === undefined) {
      metrics.recordMs(name, endMs - startMs, labels);
      return;
    }
    const startUs = startMs * 1000;
    metrics.correctedLatency(name, labels).recordFromIntended(startUs - this.lagMs * 1000, startUs, endMs * 1000);
  }
}
