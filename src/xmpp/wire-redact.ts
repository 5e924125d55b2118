/**
 * Redaction for wire logs: the contents of SASL <auth/>, <response/> and <success/> (PLAIN
 * tokens carry the password; SCRAM proofs allow offline guessing) and of <password/> (XEP-0077)
 * are replaced by a placeholder. Stateful, because a socket chunk may end inside such an element.
 */

/** Who sent a chunk: 'out' = this tool, 'in' = the server. */
export type WireDirection = 'out' | 'in';

/** Receives every chunk sent or received on a connection, already redacted. */
export type WireListener = (dir: WireDirection, text: string) => void;

const SECRET_ELEMENTS = ['auth', 'response', 'success', 'password'];
/** An opening tag of a secret element (any prefix), not self-closing. */
const OPENING = new RegExp(`<((?:[\\w.-]+:)?(?:${SECRET_ELEMENTS.join('|')}))(?=[\\s>/])[^>]*?(/?)>`, 'g');

export class WireRedactor {
  /** Set while inside a secret element: its qualified name and how many characters were hidden. */
  #inside?: { name: string; hidden: number };

  /** Returns the chunk with secret contents replaced by `[redacted N chars]`. */
  redact(chunk: string): string {
    let out = '';
    let rest = chunk;
    for (;;) {
      if (this.#inside) {
        const closing = `</${this.#inside.name}>`;
        const end = rest.indexOf(closing);
        if (end < 0) {
          this.#inside.hidden += rest.length;
          return out;
        }
        const hidden = this.#inside.hidden + end;
        out += (hidden > 0 ? `[redacted ${hidden} chars]` : '') + closing;
        rest = rest.slice(end + closing.length);
        this.#inside = undefined;
        continue;
      }
      OPENING.lastIndex = 0;
      const match = OPENING.exec(rest);
      if (!match) return out + rest;
      const afterTag = match.index + match[0].length;
      out += rest.slice(0, afterTag);
      rest = rest.slice(afterTag);
      if (match[2] !== '/') this.#inside = { name: match[1]!, hidden: 0 };
    }
  }
}

/** A listener that redacts each direction separately before passing chunks on. */
export function redactingListener(listener: WireListener): WireListener {
  const redactors = { out: new WireRedactor(), in: new WireRedactor() };
  return (dir, text) => listener(dir, redactors[dir].redact(text));
}
