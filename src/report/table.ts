import { stripVTControlCharacters } from 'node:util';

/** Width on screen: colour codes take no columns. */
const visible = (cell: string) => stripVTControlCharacters(cell).length;

function pad(cell: string, width: number, left: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - visible(cell)));
  return left ? cell + fill : fill + cell;
}

/** A figure, optionally signed and with a unit (12, -3.5%, 72.8ms, 1.2 MiB, 0.74×), or an empty mark. */
const FIGURE = /^(?:[-+−]?[\d.,]+\s*(?:%|[a-zµ]{1,3}|[KMG]iB|B|×|\/s)?|—|-|)$/;

/** Numbers line up on the right; a column holding any text (ids, verdicts, reasons) reads left-aligned. */
function numericColumns(columns: number, rows: ReadonlyArray<readonly string[]>): boolean[] {
  return Array.from({ length: columns }, (_, column) => column > 0 && rows.some((row) => visible(row[column]!) > 0) && rows.every((row) => FIGURE.test(stripVTControlCharacters(row[column]!).trim())));
}

/** Plain-text table: numeric columns right-aligned, the others (and always the first) left-aligned. Coloured cells align too. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row[column]!))));
  const right = numericColumns(header.length, rows);
  const line = (cells: readonly string[]) => cells.map((cell, column) => pad(cell, widths[column]!, !right[column])).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
