import { runClosedUser } from './closed-user.js';
import { SlotPool } from './slots.js';
import { childController, type ExecutorRuntime } from './types.js';
import { WHOLE, shareOf } from '../util/segment.js';

/** k6's default `gracefulStop`: how long iterations in flight at a phase end may take to finish. */
export const DEFAULT_GRACEFUL_STOP_MS = 30_000;

interface CrewMember {
  readonly controller: AbortController;
  /** Fired at the phase end: no new iteration, loops of the current one end after their pass. */
  readonly windDown: AbortController;
  readonly done: Promise<void>;
}

/**
 * The users of the closed models (`constant-users`, `ramping-users`), kept across consecutive
 * phases: a user alive at the end of one phase carries on into the next, with its session, as in
 * k6's single `ramping-vus` with stages. Users are added oldest slot first and removed newest first.
 */
export class UserCrew {
  readonly #members: CrewMember[] = [];
  readonly #slots = new SlotPool();

  constructor(private readonly runtime: ExecutorRuntime) {}

  get size(): number {
    return this.#members.length;
  }

  /**
   * Adds or removes users until this shard's share of `wanted` are alive (capped by
   * `load.max_users`). Removed users (a ramp going down) stop at once: their iteration ends as
   * aborted and frees its account.
   */
  resize(wanted: number): void {
    const target = Math.min(shareOf(this.runtime.segment ?? WHOLE, wanted), this.runtime.maxUsers);
    while (this.#members.length < target && !this.runtime.signal.aborted) this.#members.push(this.#start());
    while (this.#members.length > target) this.#members.pop()!.controller.abort();
  }

  /**
   * Ends the phase for everyone: no new iteration starts, loops in the ones in flight end after
   * their current pass (so a final `disconnect` runs), and they get `gracefulStopMs` to finish
   * (k6's gracefulStop) before they are aborted.
   */
  async stopAll(gracefulStopMs = DEFAULT_GRACEFUL_STOP_MS): Promise<void> {
    const members = this.#members.splice(0);
    if (members.length === 0) return;
    for (const member of members) member.windDown.abort();
    const deadline = childController(this.runtime.signal);
    const grace = this.runtime.sleep(gracefulStopMs, deadline.signal).then(() => members.forEach((member) => member.controller.abort()));
    await Promise.all(members.map((member) => member.done));
    deadline.abort();
    await grace;
  }

  #start(): CrewMember {
    const slot = this.#slots.take()!;
    const controller = childController(this.runtime.signal);
    const windDown = new AbortController();
    const done = runClosedUser(slot, this.runtime, controller.signal, Infinity, windDown.signal).finally(() => {
      controller.abort();
      this.#slots.release(slot);
    });
    return { controller, windDown, done };
  }
}
