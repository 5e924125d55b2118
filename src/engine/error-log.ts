import type { ErrorSink } from '../steps/types.js';
import { boundedText } from '../util/bounded-text.js';
import { streamLimits } from '../xmpp/index.js';

const SAMPLE_LIMIT = 50;
/** Distinct (kind, step, condition) groups kept; later new ones only count in `total`/`byKind`. */
const GROUP_LIMIT = 100;

export interface ErrorSample {
  atMs: number;
  kind: string;
  message: string;
  user?: string;
  step?: string;
  condition?: string;
}

/** Problems of one kind at one step with one condition: counted, with the first message. */
export interface ErrorGroup {
  kind: string;
  step?: string;
  condition?: string;
  count: number;
  /** The first message of the group (later ones usually differ only by user or id). */
  message: string;
  firstAtMs: number;
}

export interface ErrorsJson {
  total: number;
  byKind: Record<string, number>;
  /** The first problems seen, in order (bounded). */
  sample: ErrorSample[];
  /** Grouped by kind, step and condition, most frequent first (bounded; absent in older files). */
  groups?: ErrorGroup[];
}

export const mostFrequentFirst = (a: ErrorGroup, b: ErrorGroup): number => b.count - a.count || a.firstAtMs - b.firstAtMs;

/** Counts every problem by kind and keeps the first few whole, for the report. */
export class ErrorLog implements ErrorSink {
  private readonly byKind = new Map<string, number>();
  private readonly sample: ErrorSample[] = [];
  private readonly groups = new Map<string, ErrorGroup>();
  private total = 0;

  constructor(private readonly startedAtMs: number) {}

  record(kind: string, message: string, context: { user?: string; step?: string; condition?: string } = {}): void {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    const atMs = Date.now() - this.startedAtMs;
    message = boundedText(message, streamLimits().maxReportTextBytes);
    if (this.sample.length < SAMPLE_LIMIT) this.sample.push({ atMs, kind, message, ...context });
    const key = `${kind}\0${context.step ?? ''}\0${context.condition ?? ''}`;
    const group = this.groups.get(key);
    if (group) group.count++;
    else if (this.groups.size < GROUP_LIMIT) this.groups.set(key, { kind, step: context.step, condition: context.condition, count: 1, message, firstAtMs: atMs });
  }

  get count(): number {
    return this.total;
  }

  toJSON(): ErrorsJson {
    const groups = [...this.groups.values()].map((group) => ({ ...group })).sort(mostFrequentFirst);
    return { total: this.total, byKind: Object.fromEntries(this.byKind), sample: [...this.sample], groups };
  }
}
