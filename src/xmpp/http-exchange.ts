/**
 * One bounded HTTP(S) request with the target's trust (CA file or system roots, never "no
 * checks") and `host` pinning: used by host-meta discovery and by the XEP-0363 upload checks.
 * The response body is cut off at `maxBytes` (the remote side cannot make us hold more).
 */
import { XmppConnectError } from './errors.js';
import { tlsConnectOptions, type HttpEndpoint } from './http-trust.js';

export interface HttpRequest {
  method?: 'GET' | 'PUT' | 'HEAD' | 'OPTIONS';
  headers?: Record<string, string>;
  body?: Buffer;
  /** The most body bytes kept; more fails the request. */
  maxBytes: number;
}

export interface HttpReply {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
}

export async function httpExchange(endpoint: HttpEndpoint & { timeoutMs: number }, req: HttpRequest): Promise<HttpReply> {
  // undici is loaded on first use: ~15 MiB of RSS that a TCP-only run never needs.
  const { Agent, request } = await import('undici');
  const dispatcher = new Agent({ connect: tlsConnectOptions(endpoint) });
  try {
    const response = await request(endpoint.url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body,
      dispatcher,
      headersTimeout: endpoint.timeoutMs,
      bodyTimeout: endpoint.timeoutMs,
      maxRedirections: 0,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > req.maxBytes) {
        response.body.destroy();
        throw new XmppConnectError('other', `${endpoint.url} sent more than ${req.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    return { status: response.statusCode, headers: flat, body: Buffer.concat(chunks) };
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}
