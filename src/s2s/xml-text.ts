/** Escaping for the few places that write XML text by hand (stream headers, stream errors). */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
