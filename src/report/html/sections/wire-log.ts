import type { WireEntry } from '../../../checks/types.js';
import { html, type SafeHtml } from '../escape.js';

const ARROW: Record<WireEntry['dir'], string> = { out: '→', in: '←', note: '#' };

/** A check's conversation with the server, one line per entry, collapsed by default. */
export function wireLog(entries: readonly WireEntry[]): SafeHtml | string {
  if (entries.length === 0) return '';
  const lines = entries.map(
    (entry) => html`<span class="${entry.dir}">${entry.atMs.toFixed(0).padStart(6)} ms ${ARROW[entry.dir]} ${entry.conn}  ${entry.text}</span>\n`,
  );
  return html`<details><summary>wire log (${entries.length} entries)</summary><pre class="wire">${lines}</pre></details>`;
}
