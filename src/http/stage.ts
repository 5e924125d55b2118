/**
 * One autocannon run ("stage") against one origin: verified TLS, every response's latency into
 * the run's HDR registry, status codes, failures and socket bytes counted, bodies bounded.
 * Static stages repeat one exchange (pipelining allowed); sequenced ones ask `next()` for each
 * request (one in flight per connection, so each answer is judged against its own request).
 */
import autocannon, { type Client, type Options } from 'autocannon';
import { COUNTERS, type MetricsRegistry } from '../metrics/index.js';
import { tlsOptionsFor, type HttpTrust } from './trust.js';
import { DEFAULT_BODY_LIMIT, type Exchange } from './exchange.js';
import { verifyEveryConnection } from './verified-tls.js';

export interface StageOptions {
  /** Origin (and, for a static stage, path) of the requests. */
  url: string;
  /** The `endpoint` label of every metric the stage records. */
  endpoint: string;
  trust: HttpTrust;
  connections: number;
  pipelining?: number;
  rate?: number;
  amount?: number;
  /** Requests per connection instead of `amount` (pairs that must not be split). */
  perConnection?: number;
  durationMs: number;
  timeoutMs: number;
  /** One exchange repeated, or a source of the next one. */
  exchange: Exchange | (() => Exchange);
  bodyLimit?: number;
  metrics: MetricsRegistry;
  signal: AbortSignal;
}

export interface StageOutcome {
  responses: number;
  failures: number;
  durationMs: number;
  /** Set when a certificate was refused: the stage stopped at once, no request was sent on that socket. */
  untrusted?: string;
  /** Set when connections kept failing with no answer in between: the stage stopped (the error's code). */
  unreachable?: string;
}

/**
 * autocannon reconnects at once after a connection error, thousands of times a second against a
 * closed port: this many errors in a row, with no answer in between, end the stage.
 */
export const MAX_CONNECTION_ERRORS_IN_A_ROW = 20;

export async function runStage(options: StageOptions): Promise<StageOutcome> {
  const { metrics, endpoint } = options;
  const outcome: StageOutcome = { responses: 0, failures: 0, durationMs: 0 };
  const sent = metrics.counter(COUNTERS.httpBytesSent, { endpoint });
  const received = metrics.counter(COUNTERS.httpBytesReceived, { endpoint });
  const fail = (reason: string, label = endpoint) => {
    outcome.failures++;
    metrics.increment(COUNTERS.httpFailures, { endpoint: label, reason });
  };
  const secure = new URL(options.url).protocol === 'https:';
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  let instance: ReturnType<typeof autocannon> | undefined;
  let errorsInARow = 0;

  const setupClient = (client: Client) => {
    if (secure) {
      verifyEveryConnection(client, (reason) => {
        if (outcome.untrusted === undefined) fail('untrusted');
        outcome.untrusted ??= reason;
        instance?.stop();
      });
    }
    countSentBytes(client, (bytes) => sent.add(bytes));
    awaitLastAnswers(client);
    let truncated = false;
    boundBodies(client, bodyLimit, () => (truncated = true));
    let current = typeof options.exchange === 'function' ? undefined : options.exchange;
    // Bodies reach onResponse only, which a sequenced stage sets (one request in flight per connection).
    let body = '';
    if (typeof options.exchange === 'function') {
      const next = options.exchange;
      client.setRequests([
        {
          setupRequest: (request) => {
            current = next();
            return { ...request, method: current.method, path: current.path, headers: current.headers, body: current.body ?? '' };
          },
          onResponse: (_status, text) => (body = text),
        },
      ]);
    }
    client.on('headers', () => (truncated = false));
    // Fires after onResponse and before the next request replaces `current`.
    client.on('response', (status: number, bytes: number, latencyMs: number) => {
      const exchange = current!;
      received.add(bytes);
      outcome.responses++;
      errorsInARow = 0;
      const label = exchange.endpoint ?? endpoint;
      metrics.recordMs(exchange.metric, latencyMs, { endpoint: label });
      metrics.increment(COUNTERS.httpResponses, { endpoint: label, method: exchange.method, status });
      const verdict = exchange.judge(status, body, truncated);
      if (verdict) fail(verdict, label);
      else exchange.accept?.(body);
      body = '';
    });
    client.on('timeout', () => fail('timeout'));
    client.on('connError', (error: NodeJS.ErrnoException) => {
      fail('error');
      if (++errorsInARow < MAX_CONNECTION_ERRORS_IN_A_ROW) return;
      outcome.unreachable ??= error.code ?? error.message;
      // Destroyed inside its error handler, the connection is not opened again.
      client.destroy();
      instance?.stop();
    });
  };

  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const request = typeof options.exchange === 'function' ? {} : { method: options.exchange.method, headers: options.exchange.headers, body: options.exchange.body };
    const autocannonOptions: Options = {
      url: options.url,
      ...request,
      connections: options.connections,
      pipelining: options.pipelining ?? 1,
      ...(options.rate ? { overallRate: Math.max(1, Math.round(options.rate)) } : {}),
      ...(options.amount ? { amount: options.amount } : {}),
      ...(options.perConnection ? { maxConnectionRequests: options.perConnection } : {}),
      duration: options.durationMs / 1000,
      timeout: options.timeoutMs / 1000,
      // autocannon notices the end of an amount on its sampling tick: keep it short.
      sampleInt: 50,
      ...(secure ? tlsOptionsFor(options.url, options.trust) : {}),
      setupClient,
    };
    const cap = setTimeout(() => instance?.stop(), options.durationMs);
    const onAbort = () => instance?.stop();
    options.signal.addEventListener('abort', onAbort, { once: true });
    instance = autocannon(autocannonOptions, (error) => {
      clearTimeout(cap);
      options.signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    });
    if (options.signal.aborted) instance.stop();
  });
  outcome.durationMs = performance.now() - started;
  return outcome;
}

/** Counts the bytes of every request autocannon hands to a socket. */
function countSentBytes(client: Client, add: (bytes: number) => void): void {
  const requestBuffer = client.getRequestBuffer.bind(client);
  client.getRequestBuffer = () => {
    const buffer = requestBuffer();
    add(buffer.length);
    return buffer;
  };
}

/**
 * autocannon closes a connection as soon as it has sent its share of an amount, dropping the
 * answers still pipelined on it: this lets those answers arrive (each one asks for the next
 * request, the last one closes), so an amount of N gives N measured responses.
 */
function awaitLastAnswers(client: Client): void {
  const doRequest = client._doRequest.bind(client);
  client._doRequest = () => {
    if (client.responseMax && client.reqsMade >= client.responseMax && client.pipelinedRequests.size() > 0) return;
    doRequest();
  };
}

/** Keeps at most `limit` characters of a response body; `onCut` hears when more came. */
function boundBodies(client: Client, limit: number, onCut: () => void): void {
  const queue = client.pipelinedRequests;
  queue.addBody = (data: Buffer) => {
    const pending = queue.peek();
    if (!pending) return;
    const room = limit - pending.body.length;
    if (data.length > room) onCut();
    if (room > 0) pending.body += data.subarray(0, room).toString('latin1');
  };
}
