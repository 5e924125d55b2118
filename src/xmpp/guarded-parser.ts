/**
 * The streaming XML parser every stream we read goes through (c2s sessions, raw probes, s2s):
 * @xmpp/xml's parser (ltx) with the bounds of limits.ts enforced as the bytes arrive, so a remote
 * side can make us hold at most one bounded element. Crossing a bound, a DTD, or XML ltx cannot
 * read (it throws on unknown entities and illegal character references) becomes one 'error'
 * event carrying a StreamFault; after it the parser ignores everything.
 */
import { Parser } from '@xmpp/xml';
import { formatSize, streamLimits, type StreamLimits } from './limits.js';

/** The remote side broke the stream: `condition` is the RFC 6120 §4.9.3 stream error it earns. */
export class StreamFault extends Error {
  override readonly name = 'StreamFault';
  readonly condition: string;

  constructor(condition: string, message: string) {
    super(message);
    this.condition = condition;
  }
}

const DTD = /<!DOCTYPE|<!ENTITY/i;
const ONLY_WHITESPACE = /^[\s\uFEFF]*$/;

export class GuardedParser extends Parser {
  readonly limits: Readonly<StreamLimits>;
  /** Characters since the header started or the last top-level element ended. */
  #pending = 0;
  /** Whitespace-only characters received between top-level elements. */
  #whitespace = 0;
  #depth = 0;
  /** The end of the previous chunk, to find a DTD keyword split across two chunks. */
  #tail = '';
  #failed = false;

  constructor(limits: Readonly<StreamLimits> = streamLimits()) {
    super();
    this.limits = limits;
  }

  override write(data: string): void {
    if (this.#failed) return;
    if (DTD.test(this.#tail + data)) return this.#fail('restricted-xml', 'the server sent a DTD (<!DOCTYPE> or <!ENTITY>), which XMPP forbids (RFC 6120 §11.1)');
    this.#tail = data.slice(-8);
    this.#pending += data.length;
    const between = this.root !== null && this.cursor === this.root;
    this.#whitespace = between && ONLY_WHITESPACE.test(data) ? this.#whitespace + data.length : 0;
    if (this.#whitespace > this.limits.maxWhitespaceBytes) {
      return this.#fail('policy-violation', `the server sent ${formatSize(this.#whitespace)} of whitespace between stanzas; limit ${formatSize(this.limits.maxWhitespaceBytes)}`);
    }
    try {
      super.write(data);
    } catch (error) {
      return this.#fail('not-well-formed', `the server sent XML that is not well-formed: ${(error as Error).message}`);
    }
    if (this.#failed) return;
    if (this.root === null && this.#pending > this.limits.maxHeaderBytes) {
      return this.#fail('policy-violation', `the server sent ${formatSize(this.#pending)} without completing its stream header; limit ${formatSize(this.limits.maxHeaderBytes)}`);
    }
    if (this.#pending > this.limits.maxElementBytes) {
      return this.#fail('policy-violation', `the server sent a stanza of more than ${formatSize(this.#pending)}; limit ${formatSize(this.limits.maxElementBytes)}`);
    }
  }

  override onStartElement(name: string, attrs: Record<string, string>): void {
    if (this.#failed) return;
    const { limits } = this;
    if (++this.#depth > limits.maxDepth) return this.#fail('policy-violation', `the server nested elements deeper than ${limits.maxDepth} levels`);
    const names = Object.keys(attrs);
    if (names.length > limits.maxAttributes) return this.#fail('policy-violation', `the server sent <${name}/> with ${names.length} attributes; limit ${limits.maxAttributes}`);
    const long = names.find((key) => attrs[key]!.length > limits.maxAttributeBytes);
    if (long) return this.#fail('policy-violation', `the server sent an attribute '${long}' of ${formatSize(attrs[long]!.length)}; limit ${formatSize(limits.maxAttributeBytes)}`);
    const parent = this.cursor;
    if (parent && parent !== this.root) {
      const count = parent.children.length + 1;
      const isFeatures = parent.name === 'features' || parent.name.endsWith(':features');
      if (isFeatures && this.#depth === 3 && count > limits.maxFeatures) return this.#fail('policy-violation', `the server offered more than ${limits.maxFeatures} stream features`);
      if (count > limits.maxChildren) return this.#fail('policy-violation', `the server sent <${parent.name}/> with more than ${limits.maxChildren} children`);
    }
    const opening = this.root === null;
    super.onStartElement(name, attrs);
    if (opening) this.#pending = 0;
  }

  override onEndElement(name: string): void {
    if (this.#failed) return;
    const topLevel = this.cursor !== null && this.cursor !== this.root && !this.cursor.parent;
    this.#depth--;
    if (topLevel) {
      this.#pending = 0;
      this.#whitespace = 0;
    }
    super.onEndElement(name);
  }

  override onText(text: string): void {
    if (this.#failed) return;
    // Text between top-level elements (keepalive whitespace) would pile up on the stream root.
    if (this.cursor !== null && this.cursor === this.root) return;
    if (text.length > this.limits.maxTextBytes) return this.#fail('policy-violation', `the server sent ${formatSize(text.length)} of text in one element; limit ${formatSize(this.limits.maxTextBytes)}`);
    super.onText(text);
  }

  #fail(condition: string, message: string): void {
    if (this.#failed) return;
    this.#failed = true;
    this.emit('error', new StreamFault(condition, message));
  }
}
