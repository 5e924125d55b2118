import type { LabServer } from '../lab/types.js';
import type { ConnectionTarget, VirtualUser } from '../steps/types.js';
import type { Segment } from '../util/segment.js';

export interface ProvisionContext {
  connection: ConnectionTarget;
  lab?: LabServer;
  /** The second server of a two-server run: every other account lives there (`lab` when the run started it). */
  federated?: { connection: ConnectionTarget; lab?: LabServer };
  timeoutMs: number;
  /** Stops creating accounts (SIGINT); the ones already created are still cleaned up. */
  signal?: AbortSignal;
  /** Only this shard's stripe of the accounts is provisioned and used (docs/segments.md). */
  segment?: Segment;
}

/** Accounts ready for the run, and how to remove the ones this run created. */
export interface Provisioned {
  users: VirtualUser[];
  cleanup(): Promise<void>;
}

export const nothingToClean = async (): Promise<void> => undefined;
