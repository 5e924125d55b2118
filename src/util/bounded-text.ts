/**
 * Keeps remote-supplied text (error texts, reasons) short enough for reports: whatever a
 * server sends, result.json and report.html stay small. The cut is marked, never silent.
 * The sizes come from src/xmpp/limits.ts (maxReportTextBytes, maxWireLogBytes).
 */
/** `text` up to `max` characters; longer text ends with a marker saying how much was cut. */
export function boundedText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters not kept]`;
}
