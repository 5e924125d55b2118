/**
 * XML 1.0 text for the JUnit report. Everything in a report may come from the server (wire logs,
 * stream error texts), so every string goes through these functions before it is written.
 */
import { terminalSafe } from '../../util/terminal-text.js';

/**
 * Characters XML 1.0 cannot carry at all, not even as character references (§2.2 Char):
 * C0 controls other than tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces what XML 1.0 cannot carry with a visible `\xNN`/`\uNNNN` so a reader still sees it was
 * there; so are the controls XML allows but a CI console would act on (DEL, C1, bidi overrides).
 */
export function legalXmlChars(text: string): string {
  const legal = text.replace(ILLEGAL, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return terminalSafe(legal, { keepCarriageReturn: true });
}

const TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** In attributes, whitespace is written as references too: a parser would normalise it to spaces. */
const ATTRIBUTE_ENTITIES: Record<string, string> = { ...TEXT_ENTITIES, '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

export function escapeXmlText(text: string): string {
  return legalXmlChars(text).replace(/[&<>]/g, (char) => TEXT_ENTITIES[char]!);
}

export function escapeXmlAttribute(text: string): string {
  return legalXmlChars(text).replace(/[&<>"\t\n\r]/g, (char) => ATTRIBUTE_ENTITIES[char]!);
}

/**
 * A CDATA section holding `text` exactly (readable wire logs without entity noise). `]]>` would
 * end the section, so it is split across two sections; `\r` is written as a reference outside
 * CDATA because parsers turn CR LF into LF.
 */
export function cdata(text: string): string {
  const parts = legalXmlChars(text).split('\r');
  return parts.map((part) => `<![CDATA[${part.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`).join('&#13;');
}

/** `<name a="1">` with attributes escaped, undefined ones left out. */
export function startTag(name: string, attributes: Readonly<Record<string, string | number | undefined>>, selfClosing = false): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  return `<${name}${written}${selfClosing ? '/>' : '>'}`;
}
