import { stripVTControlCharacters } from 'node:util';

/** Width on screen: colour codes take no columns. */
const visible = (cell: string) => stripVTControlCharacters(cell).length;

function pad(cell: string, width: number, left: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - visible(cell)));
  return left ? cell + fill : fill + cell;
}

/** Plain-text table with right-aligned numeric columns; the first column is left-aligned. Coloured cells align too. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row[column]!))));
  const line = (cells: readonly string[]) => cells.map((cell, column) => pad(cell, widths[column]!, column === 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
