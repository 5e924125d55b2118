import t from 'tap';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { runStage, type StageOptions } from '../../../src/http/stage.js';
import { statusOnly, type Exchange } from '../../../src/http/exchange.js';
import { labCa } from '../../../src/lab/ca.js';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { tlsConnectOptions } from '../../../src/xmpp/http-trust.js';

const get: Exchange = { method: 'GET', path: '/probe', headers: {}, metric: 'http_latency', judge: statusOnly };

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

function stage(metrics: MetricsRegistry, url: string, extra: Partial<StageOptions> = {}): Promise<ReturnType<typeof runStage> extends Promise<infer O> ? O : never> {
  return runStage({
    url,
    endpoint: 'probe',
    trust: () => ({}),
    connections: 2,
    amount: 10,
    durationMs: 10_000,
    timeoutMs: 5000,
    exchange: get,
    metrics,
    signal: new AbortController().signal,
    ...extra,
  });
}

t.test('every response goes into the HDR registry, with its status and the bytes both ways', async (t) => {
  const port = await listen(createHttpServer((_request, response) => response.end('ok')));
  const metrics = new MetricsRegistry();
  const outcome = await stage(metrics, `http://127.0.0.1:${port}/probe`);
  t.equal(outcome.responses, 10);
  t.equal(outcome.failures, 0);
  t.equal(metrics.latency('http_latency{endpoint=probe}')?.count, 10, 'one latency per response');
  t.equal(metrics.counterTotal('http_responses{endpoint=probe,method=GET,status=200}'), 10);
  t.ok((metrics.counterTotal('http_bytes_sent{endpoint=probe}') ?? 0) >= 10 * 'GET /probe HTTP/1.1\r\n'.length, 'request bytes counted');
  t.ok((metrics.counterTotal('http_bytes_received{endpoint=probe}') ?? 0) >= 10 * 'HTTP/1.1 200 OK\r\n'.length, 'response bytes counted');
});

t.test('with pipelining, an amount of N still gives N measured responses (the last pipelined answers are awaited)', async (t) => {
  let requests = 0;
  const port = await listen(createHttpServer((_request, response) => (requests++, response.end('ok'))));
  const metrics = new MetricsRegistry();
  const outcome = await stage(metrics, `http://127.0.0.1:${port}/probe`, { connections: 3, pipelining: 4, amount: 60 });
  t.equal(outcome.responses, 60);
  t.equal(metrics.latency('http_latency{endpoint=probe}')?.count, 60);
  t.equal(requests, 60, 'the server saw exactly the amount');
});

t.test('an error status is a failure of reason status', async (t) => {
  const port = await listen(createHttpServer((_request, response) => response.writeHead(503).end()));
  const metrics = new MetricsRegistry();
  const outcome = await stage(metrics, `http://127.0.0.1:${port}/probe`);
  t.equal(outcome.failures, 10);
  t.equal(metrics.counterTotal('http_failures{endpoint=probe,reason=status}'), 10);
  t.equal(metrics.counterTotal('http_responses{endpoint=probe,method=GET,status=503}'), 10);
});

t.test('a sequenced stage judges each answer against its own request', async (t) => {
  const port = await listen(createHttpServer((request, response) => response.end(request.url)));
  const metrics = new MetricsRegistry();
  let n = 0;
  const seen: string[] = [];
  const outcome = await stage(metrics, `http://127.0.0.1:${port}/`, {
    exchange: () => {
      const path = `/item-${n++}`;
      return { ...get, path, judge: (status, body) => statusOnly(status) ?? (body === path ? undefined : 'mismatch'), accept: (body) => void seen.push(body) };
    },
  });
  t.equal(outcome.failures, 0, 'every body matched its request');
  t.equal(seen.length, 10);
  t.equal(new Set(seen).size, 10, 'ten different requests');
});

t.test('TLS: checks stay on although autocannon turns them off', async (t) => {
  const ca = await labCa();
  const issued = ca.issue(['good.example']);
  let requests = 0;
  let bytesIn = 0;
  // A hand-written HTTPS server counting what reaches it; its certificate names good.example only.
  const server = createHttpsServer({ key: issued.keyPem, cert: issued.certPem }, (_request, response) => {
    requests++;
    response.end('ok');
  });
  server.on('secureConnection', (socket) => socket.on('data', (chunk: Buffer) => (bytesIn += chunk.length)));
  const port = await listen(server as unknown as Server);
  const pinned = (caPem?: string) => (url: string) => tlsConnectOptions({ url, ca: caPem, host: '127.0.0.1' });

  t.test('trusted CA, matching name: answered', async (t) => {
    const metrics = new MetricsRegistry();
    const outcome = await stage(metrics, `https://good.example:${port}/probe`, { trust: pinned(ca.certPem) });
    t.equal(outcome.untrusted, undefined);
    t.equal(outcome.responses, 10);
    t.ok(bytesIn > 0, 'the byte count sees what a trusted client sends');
  });

  for (const [name, url, trust] of [
    ['an unknown CA', `https://good.example:${port}/probe`, pinned(undefined)],
    ['a name the certificate does not carry', `https://other.example:${port}/probe`, pinned(ca.certPem)],
  ] as const) {
    t.test(`${name}: refused before any request is written`, async (t) => {
      const before = { requests, bytesIn };
      const metrics = new MetricsRegistry();
      const outcome = await stage(metrics, url, { trust });
      t.ok(outcome.untrusted, `refused: ${outcome.untrusted}`);
      t.equal(outcome.responses, 0);
      t.equal(metrics.counterTotal('http_failures{endpoint=probe,reason=untrusted}'), 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      t.equal(requests, before.requests, 'the server saw no request');
      t.equal(bytesIn, before.bytesIn, 'not one application byte reached it');
    });
  }
});

t.test('connections refused again and again end the stage as unreachable instead of a reconnect loop', async (t) => {
  const closed = createHttpServer();
  const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
  await new Promise((resolve) => closed.close(resolve));
  const metrics = new MetricsRegistry();
  const outcome = await stage(metrics, `http://127.0.0.1:${port}/probe`, { amount: undefined, durationMs: 600_000 });
  t.equal(outcome.unreachable, 'ECONNREFUSED');
  t.equal(outcome.responses, 0);
  const errors = metrics.counterTotal('http_failures{endpoint=probe,reason=error}') ?? 0;
  t.ok(errors >= 20 && errors < 1000, `stopped after ${errors} refused connections, not thousands`);
});

t.test('an abort stops a long stage and keeps what it recorded', async (t) => {
  const port = await listen(createHttpServer((_request, response) => response.end('ok')));
  const metrics = new MetricsRegistry();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const started = Date.now();
  const outcome = await stage(metrics, `http://127.0.0.1:${port}/probe`, { amount: undefined, durationMs: 60_000, rate: 50, signal: controller.signal });
  t.ok(Date.now() - started < 5000, 'stopped long before its duration');
  t.ok(outcome.responses > 0, 'responses so far kept');
  t.equal(metrics.latency('http_latency{endpoint=probe}')?.count, outcome.responses);
});
