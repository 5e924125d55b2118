/** Maps a path inside the loaded value back to a line and column of the YAML source. */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { PathSegment } from './problems.js';

/**
 * What a problem points at: the value itself, the key naming it (unknown keys), or the entry
 * holding an object (missing keys: the `message:` line rather than the first key under it).
 */
export type Anchor = 'value' | 'key' | 'container';

interface Located {
  range?: readonly number[] | null;
}

export interface Position {
  line: number;
  col: number;
}

export class SourcePositions {
  readonly #doc: Document;
  readonly #lines: LineCounter;

  constructor(doc: Document, lines: LineCounter) {
    this.#doc = doc;
    this.#lines = lines;
  }

  locate(path: readonly PathSegment[], anchor: Anchor = 'value'): Position {
    let node: unknown = this.#doc.contents;
    let entry: unknown = node;
    for (const segment of path) {
      const child = this.#child(node, segment);
      if (child === undefined) return this.#position(entry ?? node);
      entry = child.entry;
      node = child.node;
    }
    if (anchor === 'value') return this.#position(node ?? entry);
    return this.#position(entry ?? node);
  }

  /** Follows one path segment, looking through aliases and `<<` merge keys. */
  #child(parent: unknown, segment: PathSegment): { node: unknown; entry: unknown } | undefined {
    const node = this.#resolve(parent);
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      return item === undefined ? undefined : { node: item, entry: item };
    }
    if (!isMap(node)) return undefined;
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === String(segment)) return { node: pair.value, entry: pair.key };
    }
    for (const pair of node.items) {
      // With merge keys on, `<<` parses to a symbol; its source text tells it apart.
      if (!isScalar(pair.key) || pair.key.source !== '<<') continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const found = this.#child(source, segment);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  #resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.#doc) : node;
  }

  #position(node: unknown): Position {
    const offset = (node as Located | null | undefined)?.range?.[0];
    if (offset === undefined) return { line: 1, col: 1 };
    return this.#lines.linePos(offset);
  }
}
