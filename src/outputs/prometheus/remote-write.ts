/**
 * Sends snapshots with Prometheus remote write (protobuf + snappy, done by the
 * prometheus-remote-write package) one request at a time. The queue is bounded: every
 * snapshot holds cumulative totals, so when the receiver is slow the oldest waiting one is
 * dropped and nothing is lost but resolution. A failure never throws: it is counted, and the
 * first one is reported through `warn`.
 */
import { boundedText } from '../../util/bounded-text.js';
import { terminalSafe } from '../../util/terminal-text.js';
import type { Sample } from './series.js';

export interface PushTarget {
  /** Without credentials: safe to print. */
  readonly url: string;
  /** Basic auth, from the URL's user:password part. */
  readonly auth?: { readonly username: string; readonly password: string };
}

export interface PushStats {
  sent: number;
  failed: number;
  /** Snapshots dropped because the queue was full. */
  dropped: number;
  firstError?: string;
}

export interface QueueOptions {
  readonly maxPending?: number;
  readonly timeoutMs?: number;
  /** Called once, at the first failure. */
  readonly warn: (message: string) => void;
}

/** What we keep of a receiver's answer (its error text): it is only quoted in one warning. */
const MAX_ANSWER_BYTES = 4096;

async function readAtMost(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

interface Snapshot {
  readonly samples: readonly Sample[];
  readonly timestampMs: number;
}

export class RemoteWriteQueue {
  readonly stats: PushStats = { sent: 0, failed: 0, dropped: 0 };
  private readonly pending: Snapshot[] = [];
  private sending: Promise<void> | undefined;

  constructor(
    private readonly target: PushTarget,
    private readonly options: QueueOptions,
  ) {}

  push(samples: readonly Sample[], timestampMs = Date.now()): void {
    if (this.pending.length >= (this.options.maxPending ?? 4)) {
      this.pending.shift();
      this.stats.dropped++;
    }
    this.pending.push({ samples, timestampMs });
    this.sending ??= this.sendAll().finally(() => (this.sending = undefined));
  }

  /** Waits until every queued snapshot has been sent or has failed. */
  async drain(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async sendAll(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      const problem = await this.send(next).catch((error: Error) => error.message);
      if (problem === undefined) this.stats.sent++;
      else this.failed(problem);
    }
  }

  /** Resolves to undefined on success, or to what went wrong. */
  private async send(snapshot: Snapshot): Promise<string | undefined> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const timeseries = snapshot.samples.map((s) => ({ labels: s.labels as Sample['labels'] & { __name__: string }, samples: [{ value: s.value, timestamp: snapshot.timestampMs }] }));
    // Loaded on first push: protobuf and snappy are ~300 modules a run without Prometheus never needs.
    const { pushTimeseries } = await import('prometheus-remote-write');
    const result = await pushTimeseries(timeseries, {
      url: this.target.url,
      auth: this.target.auth,
      timeout: timeoutMs,
      headers: { 'X-Prometheus-Remote-Write-Version': '0.1.0', 'User-Agent': 'xmpp-gauntlet' },
      fetch: async (url, init) => {
        const response = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body as BodyInit, signal: AbortSignal.timeout(timeoutMs) });
        return { status: response.status, statusText: response.statusText, text: () => readAtMost(response, MAX_ANSWER_BYTES) };
      },
    });
    if (result.status >= 200 && result.status < 300) return undefined;
    return `HTTP ${result.status} ${result.statusText}${result.errorMessage ? `: ${boundedText(result.errorMessage.trim(), 200)}` : ''}`;
  }

  private failed(problem: string): void {
    this.stats.failed++;
    if (this.stats.firstError !== undefined) return;
    // The receiver's answer is printed: tame its control characters.
    this.stats.firstError = terminalSafe(problem);
    this.options.warn(`prometheus: pushing to ${this.target.url} failed (${this.stats.firstError}); the run goes on, later pushes are counted, not reported`);
  }
}
