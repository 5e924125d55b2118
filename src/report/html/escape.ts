/**
 * The report's only way to build markup. Every value interpolated with the `html` tag is
 * escaped unless it is already `SafeHtml` (markup this module built), so text from the server
 * (stream error texts, wire logs) or the scenario can never become markup by accident.
 */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → markup that shows exactly that text, in element content and quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** What may be interpolated: text is escaped, arrays are joined, nothing-values vanish. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function toMarkup(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(toMarkup).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${serverText}</td>\`` escapes `serverText`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += toMarkup(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * Data for `<script type="application/json">`: `<` written as `\u003c`, so no text inside
 * (a `</script>` in a wire log) can close the element; JSON.parse reads it back unchanged.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Trusted code or CSS for an inline element: only a closing tag inside it could end it early. */
export function inlineAsset(text: string, element: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');
}
