/**
 * Probes a host list with a bounded number of hosts at once, journaling each host's facts as it
 * finishes. The probe function is passed in (src/rank/probe in real runs), so this file holds only
 * the scheduling: concurrency, a hard per-host deadline, and a prompt stop on abort.
 */
import { setMaxListeners } from 'node:events';
import type { HostEntry, HostFacts } from './facts.js';
import { appendFacts } from './journal.js';

export type ProbeFn = (entry: HostEntry, signal: AbortSignal) => Promise<HostFacts>;

export interface RankRunOptions {
  entries: readonly HostEntry[];
  probe: ProbeFn;
  journal: string;
  concurrency: number;
  /** Past this a host's probe is abandoned and the host recorded as unreachable with the reason. */
  hostDeadlineMs: number;
  signal: AbortSignal;
  onHostDone?: (facts: HostFacts) => void;
}

export interface RankRunTally {
  done: number;
  /** Hosts not finished because the run was stopped (probed again on --resume). */
  notFinished: number;
}

function abandoned(entry: HostEntry, reason: string, startedMs: number): HostFacts {
  return {
    domain: entry.domain, probedAt: new Date(startedMs).toISOString(), durationMs: Date.now() - startedMs,
    unreachable: reason, c2sTls: [], s2sTls: [], unknown: {}, evidence: [],
  };
}

async function probeOne(entry: HostEntry, options: RankRunOptions): Promise<HostFacts | undefined> {
  const started = Date.now();
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<HostFacts>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(abandoned(entry, `probes did not finish within ${Math.round(options.hostDeadlineMs / 1000)} s`, started));
    }, options.hostDeadlineMs);
  });
  try {
    const facts = await Promise.race([
      options.probe(entry, controller.signal).catch((error: unknown) => abandoned(entry, `probe failed: ${(error as Error).message}`, started)),
      deadline,
    ]);
    // A host cut short by the user is not journaled: --resume probes it again.
    return options.signal.aborted ? undefined : facts;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', stop);
  }
}

export async function runRank(options: RankRunOptions): Promise<RankRunTally> {
  const tally: RankRunTally = { done: 0, notFinished: 0 };
  let next = 0;
  // Each host in flight listens for the run's abort: that many listeners is the design, not a leak.
  setMaxListeners(options.concurrency + 10, options.signal);
  const worker = async () => {
    while (next < options.entries.length && !options.signal.aborted) {
      const entry = options.entries[next++]!;
      const facts = await probeOne(entry, options);
      if (!facts) continue;
      await appendFacts(options.journal, facts);
      tally.done += 1;
      options.onHostDone?.(facts);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.entries.length)) }, worker));
  tally.notFinished = options.entries.length - tally.done;
  return tally;
}
