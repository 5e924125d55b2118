import type { ErrorSink } from '../steps/types.js';
import { boundedText } from '../util/bounded-text.js';
import { streamLimits } from '../xmpp/index.js';

const SAMPLE_LIMIT = 50;

export interface ErrorSample {
  atMs: number;
  kind: string;
  message: string;
  user?: string;
  step?: string;
  condition?: string;
}

export interface ErrorsJson {
  total: number;
  byKind: Record<string, number>;
  /** The first problems seen, in order (bounded). */
  sample: ErrorSample[];
}

/** Counts every problem by kind and keeps the first few whole, for the report. */
export class ErrorLog implements ErrorSink {
  private readonly byKind = new Map<string, number>();
  private readonly sample: ErrorSample[] = [];
  private total = 0;

  constructor(private readonly startedAtMs: number) {}

  record(kind: string, message: string, context: { user?: string; step?: string; condition?: string } = {}): void {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    if (this.sample.length < SAMPLE_LIMIT) this.sample.push({ atMs: Date.now() - this.startedAtMs, kind, message: boundedText(message, streamLimits().maxReportTextBytes), ...context });
  }

  get count(): number {
    return this.total;
  }

  toJSON(): ErrorsJson {
    return { total: this.total, byKind: Object.fromEntries(this.byKind), sample: [...this.sample] };
  }
}
