import type { MetricsRegistry } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Session } from '../xmpp/index.js';
import type { Barriers } from './barriers.js';
import type { OnlineRegistry } from './online.js';
import { renderTemplate } from './template.js';
import type { ConnectionTarget, ErrorSink, VirtualUser } from './types.js';

export interface FlowDeps {
  scenario: Scenario;
  target: ConnectionTarget;
  metrics: MetricsRegistry;
  errors: ErrorSink;
}

/** What every user of a run shares. */
export interface RunShared extends FlowDeps {
  online: OnlineRegistry;
  barriers: Barriers;
  /** Marks this run's stamps, so stanzas from an earlier run never count. */
  runId: string;
}

/** One user's state during one iteration. */
export class UserContext {
  session?: Session;
  /** Bare JIDs on the roster, as far as this user has seen (roster.get and pushes). */
  readonly roster = new Set<string>();
  /** When this iteration's first available presence went out (offline delivery is timed from it). */
  presenceSentAtMs?: number;
  /** The YAML word of the step running now, for error reports. */
  currentStep = '';
  #seq = 0;

  constructor(
    readonly user: VirtualUser,
    readonly shared: RunShared,
    readonly signal: AbortSignal,
    readonly iteration: number,
    readonly intendedStartMs: number | undefined,
  ) {}

  nextSeq(): number {
    return ++this.#seq;
  }

  render(text: string): string {
    return renderTemplate(text, { user: this.user.username, n: this.user.n, seq: this.#seq, domain: this.user.domain, iteration: this.iteration });
  }

  /** The session, or a clear failure when the flow forgot to log in first. */
  requireSession(): Session {
    if (!this.session || this.session.closed) throw new Error('no open session: put a login step before this one');
    return this.session;
  }
}
