// Types for the parts of xmpp.js 0.14 (plain JavaScript, no typings) that this room uses.

declare module '@xmpp/xml' {
  export type Node = Element | string;

  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Node[];
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getText(): string;
    text(): string;
    append(...nodes: Node[]): void;
    c(name: string, attrs?: Record<string, string | undefined>): Element;
    t(text: string): Element;
    up(): Element;
    toString(): string;
  }

  export class Parser {
    on(event: 'start' | 'element' | 'end', listener: (element: Element) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    write(data: string): void;
    /** The stream root and the element being built (internals the guarded parser reads). */
    root: Element | null;
    cursor: Element | null;
    emit(event: string, value: unknown): boolean;
    onStartElement(name: string, attrs: Record<string, string>): void;
    onEndElement(name: string): void;
    onText(text: string): void;
  }

  type Child = Node | null | undefined | false | Child[];
  export function xml(name: string, attrs?: Record<string, string | undefined> | null, ...children: Child[]): Element;
  export default xml;
}

declare module '@xmpp/jid' {
  export class JID {
    constructor(local: string | undefined, domain: string, resource?: string);
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    equals(other: JID): boolean;
    getLocal(unescape?: boolean): string;
    getDomain(): string;
    getResource(): string;
    toString(unescape?: boolean): string;
  }
  export function jid(address: string): JID;
  export function jid(local: string | undefined, domain: string, resource?: string): JID;
  export default jid;
}

declare module '@xmpp/client-core' {
  import { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  import type { JID } from '@xmpp/jid';

  export interface ClientOptions {
    domain: string;
    lang?: string;
    timeout?: number;
  }

  /** The stream half of xmpp.js: framing, parser, stream errors, close handshake. */
  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    jid: JID | null;
    timeout: number;
    status: string;
    options: ClientOptions;
    socket: unknown;
    Transport: unknown;
    Parser: unknown;
    isSecure(): boolean;
    open(options: { domain: string; lang?: string }): Promise<Element>;
    restart(): Promise<Element>;
    send(element: Element): Promise<void>;
    write(data: string): Promise<void>;
    disconnect(): Promise<Element | undefined>;
    parser: unknown;
    _onData(data: Buffer): void;
    _attachSocket(socket: unknown): void;
    _detachSocket(): void;
    _status(status: string, ...args: unknown[]): void;
  }
}

declare module '@xmpp/tcp/lib/Connection.js' {
  const ConnectionTCP: { prototype: { Parser: unknown } };
  export default ConnectionTCP;
}

declare module '@xmpp/websocket/lib/Connection.js' {
  const ConnectionWebSocket: { prototype: { Parser: unknown } };
  export default ConnectionWebSocket;
}
