/**
 * The receiving half of a raw probe: feeds server bytes to the guarded streaming parser (ltx, bounded)
 * and keeps the stream header, the top-level elements (in order, until claimed), whether the
 * server closed its stream (</stream:stream>) and whether the connection is gone.
 */
import { XmppConnectError, XmppServerFault, XmppStreamError, XmppTimeoutError } from './errors.js';
import { GuardedParser, StreamFault } from './guarded-parser.js';
import { NS, type Element } from './xml.js';

type Wake = () => void;

export class RawReader {
  #parser?: GuardedParser;
  #header?: Element;
  /** A server that sends an element instead of a header: the root is that element. */
  #headerless?: Element;
  readonly #queue: Element[] = [];
  readonly #wakers = new Set<Wake>();
  #streamEnded = false;
  #socketClosed = false;
  /** Why the server's stream became unreadable (bad XML, a DTD, a bound crossed). */
  #fault?: XmppServerFault;

  /** Starts a fresh parser for a new (or restarted) stream. */
  reset(): void {
    const parser = new GuardedParser();
    this.#header = undefined;
    this.#headerless = undefined;
    this.#streamEnded = false;
    parser.on('start', (root: Element) => {
      if (root.name === 'stream' || root.name.endsWith(':stream')) this.#header = root;
      else this.#headerless = root;
      this.#wake();
    });
    parser.on('element', (element: Element) => {
      // The parser hands a root's children out one by one: a header-less root keeps its own.
      const held = this.#headerless ? this.#headerless.children.length : this.#queue.length;
      if (held >= parser.limits.maxQueuedStanzas) {
        this.#fault ??= new XmppServerFault('policy-violation', `the server sent more than ${parser.limits.maxQueuedStanzas} elements nobody asked for`);
        return this.#wake();
      }
      if (this.#headerless) return this.#headerless.append(element);
      this.#queue.push(element);
      this.#wake();
    });
    parser.on('end', (root: Element) => {
      if (root === this.#headerless) {
        root.parent = null;
        this.#queue.push(root);
      } else {
        this.#streamEnded = true;
      }
      this.#wake();
    });
    parser.on('error', (error: Error) => {
      const condition = error instanceof StreamFault ? error.condition : 'not-well-formed';
      const message = error instanceof StreamFault ? error.message : `the server sent XML that is not well-formed: ${error.message}`;
      this.#fault ??= new XmppServerFault(condition, message);
      this.#wake();
    });
    this.#parser = parser;
  }

  write(text: string): void {
    // Bytes after the server's </stream:stream> (or after a parse error) belong to no stream.
    if (!this.#streamEnded && !this.#fault) this.#parser?.write(text);
  }

  socketClosed(): void {
    this.#socketClosed = true;
    this.#wake();
  }

  get header(): Element | undefined {
    return this.#header;
  }

  get streamEnded(): boolean {
    return this.#streamEnded;
  }

  get isSocketClosed(): boolean {
    return this.#socketClosed;
  }

  /** Resolves once `ready()` is true, or false when the time is up. */
  async until(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.#wakers.add(wake);
      });
    }
    return true;
  }

  /** Waits for a header (true) or for a reason there will be none (false). */
  async waitHeader(timeoutMs: number): Promise<boolean> {
    await this.until(() => this.#header !== undefined || this.#queue.length > 0 || this.#dead(), timeoutMs);
    return this.#header !== undefined;
  }

  /** Removes and returns the first queued element matching, waiting up to `timeoutMs`. */
  async take(predicate: (element: Element) => boolean, timeoutMs: number, what: string): Promise<Element> {
    let found = -1;
    const ready = () => {
      found = this.#queue.findIndex(predicate);
      return found >= 0 || this.#dead();
    };
    if (!(await this.until(ready, timeoutMs))) throw new XmppTimeoutError(what, timeoutMs);
    if (found >= 0) return this.#queue.splice(found, 1)[0]!;
    if (this.#fault) throw this.#fault;
    const streamError = this.#queue.find((element) => element.is('error', NS.stream));
    if (streamError) throw XmppStreamError.fromElement(streamError);
    // Its </stream:stream> is the server's own XMPP-level close; a bare TCP close may be the network.
    if (this.#streamEnded) throw new XmppConnectError('closed', `the server closed the stream before ${what}`, { streamClosedByServer: true });
    throw new XmppConnectError('closed', `the server closed the connection before ${what}`);
  }

  /** Set once the server's stream became unreadable. */
  get fault(): XmppServerFault | undefined {
    return this.#fault;
  }

  /** Elements received and not yet claimed (for diagnostics). */
  get pending(): readonly Element[] {
    return this.#queue;
  }

  /** Nothing more can arrive on this stream. */
  #dead(): boolean {
    return this.#socketClosed || this.#streamEnded || this.#fault !== undefined;
  }

  #wake(): void {
    for (const wake of [...this.#wakers]) wake();
  }
}
