/** The part of autocannon 8's API this room uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  export interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec | null;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
  }

  /** One connection of a run (lib/httpClient.js); its internals are what setupClient may reach. */
  export interface Client extends EventEmitter {
    conn: Socket;
    destroyed: boolean;
    destroy(): void;
    setRequests(requests: RequestSpec[]): void;
    getRequestBuffer(): Buffer;
    _connect(): void;
    _doRequest(): void;
    /** Requests this connection may send (from amount or maxConnectionRequests), and has sent. */
    responseMax?: number;
    reqsMade: number;
    pipelinedRequests: { peek(): { body: string } | undefined; addBody(data: Buffer): void; size(): number };
  }

  export interface Options extends RequestSpec {
    url: string;
    connections?: number;
    pipelining?: number;
    overallRate?: number;
    amount?: number;
    maxConnectionRequests?: number;
    duration?: number;
    timeout?: number;
    sampleInt?: number;
    servername?: string;
    tlsOptions?: Record<string, unknown>;
    setupClient?: (client: Client) => void;
    requests?: RequestSpec[];
  }

  export interface Result {
    errors: number;
    timeouts: number;
    totalRequests: number;
  }

  export interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
