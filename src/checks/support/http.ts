/**
 * HTTP requests of the checks that look at the HTTP side (discovery, upload): the target's CA,
 * and its `host` as where to connect for URLs naming the domain or one of its subdomains (as
 * the lab's and most deployments' are); other hosts are looked up as any client would.
 * Every request and its answer are noted in the wire log.
 */
import { httpExchange, type HttpReply, type HttpRequest } from '../../xmpp/index.js';
import type { CheckContext } from '../types.js';

const TIMEOUT_MS = 10_000;

function pinnedHost(ctx: CheckContext, url: string): string | undefined {
  const name = new URL(url).hostname.toLowerCase();
  const domain = ctx.target.domain.toLowerCase();
  return name === domain || name.endsWith(`.${domain}`) ? ctx.target.host : undefined;
}

/** Sends one request; the reply (status, headers, at most `maxBytes` of body) is noted briefly. */
export async function checkHttp(ctx: CheckContext, url: string, request: HttpRequest): Promise<HttpReply> {
  const method = request.method ?? 'GET';
  const sent = request.body ? ` (${request.body.length} bytes)` : '';
  ctx.note(`HTTP ${method} ${url.slice(0, 300)}${sent}`);
  const reply = await httpExchange({ url, ca: ctx.target.caPem, host: pinnedHost(ctx, url), timeoutMs: TIMEOUT_MS }, request);
  const type = reply.headers['content-type'] ? `, ${reply.headers['content-type'].slice(0, 100)}` : '';
  ctx.note(`HTTP ${method} answered ${reply.status}${type}, ${reply.body.length} bytes`);
  return reply;
}

/** Whether a connection failure means "nothing listens there" rather than a broken exchange. */
export function nothingListens(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND';
}
