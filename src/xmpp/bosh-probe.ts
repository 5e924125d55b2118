/**
 * A raw XEP-0124 client for conformance checks: it posts exactly the <body/> text it is given
 * and returns exactly what came back (status, Content-Type, text, the parsed <body/>), so a
 * check judges the server's own bytes. Unlike BoshSocket it keeps no session state: rid and
 * sid are the check's to choose, right or wrong. Each probe has its own connection pool,
 * closed with it; every response is bounded before it is parsed.
 */
import { Agent, request } from 'undici';
import { boshBodyLimit, parseBody } from './bosh-socket.js';
import { classifyHttpError, tlsConnectOptions, type HttpEndpoint } from './http-trust.js';
import { redactingListener, type WireListener } from './wire-redact.js';
import type { Element } from './xml.js';

export interface BoshProbeOptions extends HttpEndpoint {
  /** Limit for one exchange beyond the 'wait' the request names. */
  timeoutMs: number;
  /** Receives each request and response text (SASL payloads redacted). */
  wire?: WireListener;
  signal?: AbortSignal;
}

export interface BoshExchange {
  status: number;
  /** The Content-Type header as sent ('' when absent). */
  contentType: string;
  /** The response text, cut at the body limit. */
  text: string;
  /** The response's <body/>, when it is one (of the httpbind namespace, within the limits). */
  body?: Element;
  /** Why `body` is absent: not XML, not a <body/>, too large. */
  problem?: string;
}

export class BoshProbe {
  readonly #options: BoshProbeOptions;
  readonly #agent: Agent;
  readonly #wire?: WireListener;

  constructor(options: BoshProbeOptions) {
    this.#options = options;
    this.#agent = new Agent({ connect: tlsConnectOptions(options) });
    this.#wire = options.wire && redactingListener(options.wire);
  }

  /** True for an https:// endpoint (SASL PLAIN is acceptable only then). */
  get secure(): boolean {
    return this.#options.url.startsWith('https:');
  }

  /** POSTs `text`; `waitSeconds` is how long the server may hold this request. */
  async post(text: string, waitSeconds = 0): Promise<BoshExchange> {
    const { url, timeoutMs, signal } = this.#options;
    this.#wire?.('out', text);
    let response;
    try {
      response = await request(url, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        dispatcher: this.#agent,
        signal,
        headersTimeout: waitSeconds * 1000 + timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw classifyHttpError(error, url, new URL(url).hostname);
    }
    const limit = boshBodyLimit();
    let received = '';
    let problem: string | undefined;
    for await (const chunk of response.body) {
      received += chunk.toString();
      if (received.length > limit) {
        response.body.destroy();
        received = received.slice(0, limit);
        problem = `the response exceeded ${limit} characters`;
        break;
      }
    }
    const header = response.headers['content-type'];
    const contentType = Array.isArray(header) ? header.join(', ') : (header ?? '');
    this.#wire?.('in', `[HTTP ${response.statusCode}, Content-Type: ${contentType || '(none)'}] ${received}`);
    const exchange: BoshExchange = { status: response.statusCode, contentType, text: received };
    if (problem) return { ...exchange, problem };
    try {
      return { ...exchange, body: parseBody(received) };
    } catch (error) {
      return { ...exchange, problem: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.#agent.destroy().catch(() => undefined);
  }
}
