/**
 * The one definition of how much a remote party (a c2s server, an s2s peer, a probed host) may
 * make this tool hold or wait for. Every stream parser takes its bounds from here; crossing one
 * ends that stream as the remote side's fault. Defaults and rationale: docs/limits.md.
 */

export interface StreamLimits {
  /** Characters received before the remote stream header is complete. */
  maxHeaderBytes: number;
  /** One top-level element (stanza, features, stream error), counted from the end of the previous one. */
  maxElementBytes: number;
  /** Elements nested inside one another, the stream root included. */
  maxDepth: number;
  /** Attributes on one element. */
  maxAttributes: number;
  /** Characters in one attribute value. */
  maxAttributeBytes: number;
  /** Characters in one run of text (between two tags). */
  maxTextBytes: number;
  /** Children of one element (e.g. items in one roster or disco result). */
  maxChildren: number;
  /** Children of <stream:features/>. */
  maxFeatures: number;
  /** Whitespace between two top-level elements. */
  maxWhitespaceBytes: number;
  /** Stanzas received and not yet read by the code that waits for them. */
  maxQueuedStanzas: number;
  /** Time for the remote side to send its stream header (s2s listener). */
  headerTimeoutMs: number;
  /** Our unsent output beyond this fails the stream instead of growing memory. */
  maxPendingWriteBytes: number;
  /** s2s dialback requests (db:result, db:verify) one inbound stream may send. */
  maxDialbackRequests: number;
  /** Our dial-backs to verify inbound db:results, in flight at once across one listener. */
  maxDialbacksInFlight: number;
  /** SASL SCRAM iteration counts above this are refused: the client would do the server's bidding for minutes. */
  maxScramIterations: number;
  /** Characters of one connection's wire log kept for reports; the rest is counted, not kept. */
  maxWireLogBytes: number;
  /** Characters of one server-supplied text (error text, reason) kept for reports. */
  maxReportTextBytes: number;
}

const KIB = 1024;

export const DEFAULT_LIMITS: Readonly<StreamLimits> = Object.freeze({
  maxHeaderBytes: 16 * KIB,
  maxElementBytes: 256 * KIB,
  maxDepth: 64,
  maxAttributes: 64,
  maxAttributeBytes: 16 * KIB,
  maxTextBytes: 128 * KIB,
  maxChildren: 10_000,
  maxFeatures: 64,
  maxWhitespaceBytes: 64 * KIB,
  maxQueuedStanzas: 10_000,
  headerTimeoutMs: 30_000,
  maxPendingWriteBytes: 8 * KIB * KIB,
  maxDialbackRequests: 1_000,
  maxDialbacksInFlight: 64,
  maxScramIterations: 1_000_000,
  maxWireLogBytes: 8 * KIB,
  maxReportTextBytes: 2 * KIB,
});

let current: Readonly<StreamLimits> = DEFAULT_LIMITS;

/** The limits in force for this process (defaults unless `configureLimits` changed them). */
export function streamLimits(): Readonly<StreamLimits> {
  return current;
}

/** Replaces some limits for the rest of the process (CLI `--limit name=value`). */
export function configureLimits(overrides: Partial<StreamLimits>): void {
  current = Object.freeze({ ...current, ...overrides });
}

/** Parses `name=value` (value a positive whole number, with an optional k/m suffix for sizes). */
export function parseLimit(text: string): Partial<StreamLimits> {
  const match = /^(\w+)=(\d+)([km]?)$/i.exec(text.trim());
  if (!match || !(match[1]! in DEFAULT_LIMITS)) {
    throw new Error(`wants name=value with a name from: ${Object.keys(DEFAULT_LIMITS).join(', ')} (got "${text}")`);
  }
  const scale = { '': 1, k: KIB, m: KIB * KIB }[match[3]!.toLowerCase() as '' | 'k' | 'm'];
  const value = Number(match[2]) * scale;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${match[1]} must be a positive whole number (got "${text}")`);
  return { [match[1]!]: value };
}

/** A size for messages: "256 KB", "100 MB", "512 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= KIB * KIB) return `${Math.round((bytes / KIB / KIB) * 10) / 10} MB`;
  if (bytes >= KIB) return `${Math.round((bytes / KIB) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
