/**
 * Stanza patterns written as XML, in the manner of Prosody's scansion scripts:
 *
 *   <message type='chat' from='*'><body>*</body></message>
 *
 * A stanza matches when it has the pattern's name, every attribute of the pattern (values are
 * globs: `*` any value, `user*` a prefix, `*@host` a suffix) and, recursively, a distinct child
 * matching each child of the pattern. Extra attributes and children in the stanza are fine.
 * Text in a pattern (other than whitespace around children) must match the stanza's text.
 * `xmlns` is compared with the element's effective namespace, inherited ones included.
 */
import type { Element } from './xml.js';
import { parseXml } from './xml.js';

export type StanzaPredicate = (stanza: Element) => boolean;
/** What `waitFor` accepts: pattern text, a parsed pattern element, or a predicate. */
export type StanzaMatcher = string | Element | StanzaPredicate;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A glob with `*` wildcards, anchored at both ends. */
export function globMatches(glob: string, value: string): boolean {
  if (!glob.includes('*')) return glob === value;
  const pattern = glob.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${pattern}$`, 's').test(value);
}

function attributesMatch(stanza: Element, pattern: Element): boolean {
  for (const [name, expected] of Object.entries(pattern.attrs)) {
    if (expected === undefined) continue;
    const actual = name === 'xmlns' ? stanza.getNS() : stanza.attrs[name];
    if (actual === undefined || !globMatches(expected, actual)) return false;
  }
  return true;
}

function textMatches(stanza: Element, pattern: Element): boolean {
  const expected = pattern.getText().trim();
  return expected === '' || globMatches(expected, stanza.getText());
}

/** Each pattern child needs its own stanza child; backtracks so order does not matter. */
function childrenMatch(stanzaChildren: Element[], patternChildren: Element[], used: Set<Element>): boolean {
  const [first, ...rest] = patternChildren;
  if (!first) return true;
  for (const candidate of stanzaChildren) {
    if (used.has(candidate) || !elementMatches(candidate, first)) continue;
    used.add(candidate);
    if (childrenMatch(stanzaChildren, rest, used)) return true;
    used.delete(candidate);
  }
  return false;
}

/** True when `stanza` has everything `pattern` asks for. */
export function elementMatches(stanza: Element, pattern: Element): boolean {
  return (
    stanza.name === pattern.name &&
    attributesMatch(stanza, pattern) &&
    textMatches(stanza, pattern) &&
    childrenMatch(stanza.getChildElements(), pattern.getChildElements(), new Set())
  );
}

const compiled = new Map<string, Element>();

/** Parses pattern text once; steps reuse the same few patterns thousands of times. */
export function compilePattern(pattern: string): Element {
  let element = compiled.get(pattern);
  if (!element) {
    element = parseXml(pattern);
    compiled.set(pattern, element);
  }
  return element;
}

/** Turns any matcher into a predicate (pattern text is parsed here, so errors surface early). */
export function toPredicate(matcher: StanzaMatcher): StanzaPredicate {
  if (typeof matcher === 'function') return matcher;
  const pattern = typeof matcher === 'string' ? compilePattern(matcher) : matcher;
  return (stanza) => elementMatches(stanza, pattern);
}

/** A short label for timeouts and logs. */
export function describeMatcher(matcher: StanzaMatcher): string {
  if (typeof matcher === 'function') return matcher.name || 'a matching stanza';
  return typeof matcher === 'string' ? matcher : matcher.toString();
}
