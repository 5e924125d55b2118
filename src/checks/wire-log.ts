/**
 * A check's wire log with a size budget (src/xmpp/limits.ts `maxWireLogBytes` per connection,
 * four times that per check): a server that sends megabytes leaves a short log ending in a note
 * that says how much was not kept, so result.json and report.html stay small.
 */
import { boundedText } from '../util/bounded-text.js';
import { formatSize, streamLimits } from '../xmpp/index.js';
import type { WireEntry } from './types.js';

interface ConnectionBudget {
  kept: number;
  dropped: number;
  /** The note that reports what was dropped, updated in place as more arrives. */
  marker?: WireEntry;
}

export class WireLog {
  readonly entries: WireEntry[] = [];
  readonly #connections = new Map<string, ConnectionBudget>();
  readonly #perConnection = streamLimits().maxWireLogBytes;
  readonly #perCheck = 4 * streamLimits().maxWireLogBytes;
  #total = 0;

  add(entry: WireEntry): void {
    if (entry.dir === 'note') {
      this.entries.push({ ...entry, text: boundedText(entry.text, streamLimits().maxReportTextBytes) });
      return;
    }
    let budget = this.#connections.get(entry.conn);
    if (!budget) this.#connections.set(entry.conn, (budget = { kept: 0, dropped: 0 }));
    const room = Math.max(0, Math.min(this.#perConnection - budget.kept, this.#perCheck - this.#total));
    const kept = entry.text.length <= room ? entry.text : entry.text.slice(0, room);
    if (kept.length > 0) this.entries.push(kept === entry.text ? entry : { ...entry, text: kept });
    budget.kept += kept.length;
    this.#total += kept.length;
    if (kept.length === entry.text.length) return;
    budget.dropped += entry.text.length - kept.length;
    if (!budget.marker) this.entries.push((budget.marker = { atMs: entry.atMs, dir: 'note', conn: entry.conn, text: '' }));
    budget.marker.text = `[${budget.dropped} more characters on ${entry.conn} not kept: wire log limit ${formatSize(this.#perConnection)} per connection, ${formatSize(this.#perCheck)} per check]`;
  }
}
