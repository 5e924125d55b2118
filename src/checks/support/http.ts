/**
 * HTTP requests of the checks that look at the HTTP side (discovery, upload). They go only to the
 * target's own endpoints: URLs naming its domain or a subdomain (connected at the target's `host`,
 * as the lab's and most deployments' are), the target's host itself, or the host of an endpoint
 * URL given on the command line (looked up as any client would). A URL elsewhere is never
 * contacted. The target's CA is trusted; every request and its answer are noted in the wire log.
 */
import { httpExchange, type HttpReply, type HttpRequest } from '../../xmpp/index.js';
import type { CheckContext } from '../types.js';
import { urlHostName, withinDomain } from '../../util/host-name.js';

const TIMEOUT_MS = 10_000;

/** Thrown before anything is sent to a URL that is not one of the target's endpoints. */
export class NotTargetEndpointError extends Error {}

/** How to reach `url`: `pin` is where to connect instead of its name; undefined = not the target's. */
function routeTo(ctx: CheckContext, url: string): { pin?: string } | undefined {
  const name = urlHostName(url);
  if (withinDomain(name, ctx.target.domain)) return { pin: ctx.target.host };
  const given = Object.values(ctx.target.http ?? {}).filter((value): value is string => typeof value === 'string' && /^(https?|wss?):\/\//.test(value));
  const named = [ctx.target.host.toLowerCase(), ...given.map(urlHostName)];
  return named.includes(name) ? {} : undefined;
}

/** Whether `url` is one of the target's own endpoints (see the file comment). */
export function isTargetEndpoint(ctx: CheckContext, url: string): boolean {
  return routeTo(ctx, url) !== undefined;
}

/** Sends one request to one of the target's endpoints; the reply (status, headers, at most `maxBytes` of body) is noted briefly. */
export async function checkHttp(ctx: CheckContext, url: string, request: HttpRequest): Promise<HttpReply> {
  const route = routeTo(ctx, url);
  if (!route) throw new NotTargetEndpointError(`${url.slice(0, 200)} is not one of ${ctx.target.domain}'s endpoints; not contacted`);
  const method = request.method ?? 'GET';
  const sent = request.body ? ` (${request.body.length} bytes)` : '';
  ctx.note(`HTTP ${method} ${url.slice(0, 300)}${sent}`);
  const reply = await httpExchange({ url, ca: ctx.target.caPem, host: route.pin, timeoutMs: TIMEOUT_MS }, request);
  const type = reply.headers['content-type'] ? `, ${reply.headers['content-type'].slice(0, 100)}` : '';
  ctx.note(`HTTP ${method} answered ${reply.status}${type}, ${reply.body.length} bytes`);
  return reply;
}

/** Whether a connection failure means "nothing listens there" rather than a broken exchange. */
export function nothingListens(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND';
}
