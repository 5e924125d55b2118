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

let fromScenario: Partial<StreamLimits> = {};
let fromCommandLine: Partial<StreamLimits> = {};
let current: Readonly<StreamLimits> = DEFAULT_LIMITS;

function settle(): void {
  current = Object.freeze({ ...DEFAULT_LIMITS, ...fromScenario, ...fromCommandLine });
}

/** The limits in force for this process (defaults unless a scenario or the command line changed them). */
export function streamLimits(): Readonly<StreamLimits> {
  return current;
}

/** Replaces some limits for the rest of the process (CLI `--limit name=value`: wins over the scenario). */
export function configureLimits(overrides: Partial<StreamLimits>): void {
  fromCommandLine = { ...fromCommandLine, ...overrides };
  settle();
}

/** The limits a scenario sets (`options.limits`), replacing any earlier scenario's; the command line still wins. */
export function configureScenarioLimits(overrides: Partial<StreamLimits>): void {
  fromScenario = { ...overrides };
  settle();
}

/** The value grammar of a limit, for the scenario schema: a whole number, sizes with an optional k/m (KiB/MiB). */
export const LIMIT_VALUE_PATTERN = '^[1-9][0-9]{0,8} ?[kKmM]?[bB]?$';

/** A limit's value: a positive whole number, with an optional k or m suffix (1024, 1024²); "kb", "mb" also read. */
export function parseLimitValue(name: string, text: string | number): number {
  const match = /^(\d+) ?([km]?)b?$/i.exec(String(text).trim());
  const scale = { '': 1, k: KIB, m: KIB * KIB }[(match?.[2] ?? '').toLowerCase() as '' | 'k' | 'm'];
  const value = match ? Number(match[1]) * scale : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, e.g. 512k or 1m for sizes (got "${text}")`);
  return value;
}

/** Parses `name=value` (see `parseLimitValue`). */
export function parseLimit(text: string): Partial<StreamLimits> {
  const match = /^(\w+)=(.*)$/.exec(text.trim());
  if (!match || !(match[1]! in DEFAULT_LIMITS)) {
    throw new Error(`wants name=value with a name from: ${Object.keys(DEFAULT_LIMITS).join(', ')} (got "${text}")`);
  }
  return { [match[1]!]: parseLimitValue(match[1]!, match[2]!) };
}

/** A size for messages: "256 KB", "100 MB", "512 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= KIB * KIB) return `${Math.round((bytes / KIB / KIB) * 10) / 10} MB`;
  if (bytes >= KIB) return `${Math.round((bytes / KIB) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
