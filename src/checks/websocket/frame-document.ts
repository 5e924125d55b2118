/**
 * RFC 7395 §3.2 and §3.3.3: each WebSocket message is a text message holding one element that
 * stands alone as an XML document, every namespace it uses declared in the message itself (no
 * enclosing <stream:stream> lends them). Says what is wrong with a message, or nothing.
 */
import { parseXml, type Element, type ProbeMessage } from '../../xmpp/index.js';

const XML_DECLARATION = /^<\?xml\s[^?]*\?>/;

/** True when the message starts with an XML declaration (judged apart: §3.3.3 only advises against it). */
export function hasXmlDeclaration(message: ProbeMessage): boolean {
  return !message.binary && XML_DECLARATION.test(message.text);
}

/** The text without a leading XML declaration (parsed the same either way; the declaration is judged apart). */
export function withoutDeclaration(text: string): string {
  return text.replace(XML_DECLARATION, '');
}

/** Why `message` is not one standalone element, or undefined when it is. */
export function frameProblem(message: ProbeMessage): string | undefined {
  if (message.binary) return 'a binary message (only text messages carry XMPP)';
  const text = withoutDeclaration(message.text);
  if (text.trim() === '') return 'a message with no element (whitespace only or empty)';
  let root: Element;
  try {
    root = parseXml(text);
  } catch (error) {
    return `a message that is not exactly one complete element (${(error as Error).message.replace(/: .*$/s, '')})`;
  }
  return undeclared(root, new Map());
}

/** The first prefix or default namespace used but not declared in the message, as a reason. */
function undeclared(element: Element, inScope: ReadonlyMap<string, string>): string | undefined {
  const scope = new Map(inScope);
  for (const [name, value] of Object.entries(element.attrs)) {
    if (name === 'xmlns') scope.set('', String(value));
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), String(value));
  }
  const [prefix, local] = element.name.includes(':') ? element.name.split(':', 2) : ['', element.name];
  if (prefix && !scope.has(prefix)) return `<${element.name}> uses the prefix '${prefix}' without declaring it in the message`;
  if (!prefix && !scope.get('')) return `<${local}> is in no namespace (the message declares none for it)`;
  for (const name of Object.keys(element.attrs)) {
    const attrPrefix = name.includes(':') ? name.split(':', 1)[0]! : '';
    if (attrPrefix && attrPrefix !== 'xmlns' && attrPrefix !== 'xml' && !scope.has(attrPrefix)) {
      return `the attribute ${name} of <${element.name}> uses an undeclared prefix`;
    }
  }
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    const problem = undeclared(child, scope);
    if (problem) return problem;
  }
  return undefined;
}
