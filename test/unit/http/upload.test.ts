import t from 'tap';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { labCa } from '../../../src/lab/ca.js';
import { httpHealth } from '../../../src/http/health.js';
import { runUpload, sharedOrigin, type Slot } from '../../../src/http/upload.js';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { tlsConnectOptions } from '../../../src/xmpp/http-trust.js';

const SIZE = 70_001;

/**
 * FAKE upload service: keeps what is PUT and serves it back, except that it breaks the files it
 * is told to: one byte flipped, the last byte cut, one byte added.
 */
async function fakeStore(broken: Record<string, 'flip' | 'short' | 'long'>): Promise<number> {
  const ca = await labCa();
  const issued = ca.issue(['files.example']);
  const stored = new Map<string, Buffer>();
  const server = createServer({ key: issued.keyPem, cert: issued.certPem }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url!;
      if (request.method === 'PUT') {
        stored.set(path, Buffer.concat(chunks));
        return response.writeHead(201).end();
      }
      let body = Buffer.from(stored.get(path) ?? Buffer.alloc(0));
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (broken[name] === 'flip') body[12_345] ^= 0x01;
      if (broken[name] === 'short') body = body.subarray(0, body.length - 1);
      if (broken[name] === 'long') body = Buffer.concat([body, Buffer.from([0])]);
      response.writeHead(200, { 'Content-Length': body.length }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

async function upload(port: number, files: number) {
  const ca = await labCa();
  const slots: Slot[] = Array.from({ length: files }, (_, index) => {
    const url = `https://files.example:${port}/store/file-${index}`;
    return { putUrl: url, getUrl: url, putHeaders: {} };
  });
  const metrics = new MetricsRegistry();
  const outcome = await runUpload(slots, SIZE, {
    endpoint: 'upload',
    trust: (url) => tlsConnectOptions({ url, ca: ca.certPem, host: '127.0.0.1' }),
    connections: 3,
    durationMs: 30_000,
    timeoutMs: 5000,
    metrics,
    signal: new AbortController().signal,
  });
  return { outcome, metrics };
}

t.test('every file read back as put: all verified, rates recorded, health holds', async (t) => {
  const { outcome, metrics } = await upload(await fakeStore({}), 6);
  t.same(outcome, { files: 6, verified: 6, mismatched: 0, untrusted: undefined });
  t.equal(metrics.latency('upload_put{endpoint=upload}')?.count, 6);
  t.equal(metrics.latency('upload_get{endpoint=upload}')?.count, 6);
  t.ok((metrics.gaugeReading('upload_rate{direction=put,endpoint=upload}')?.value ?? 0) > 0);
  t.ok(httpHealth(metrics, 0.1).every((verdict) => verdict.ok));
});

t.test('a flipped byte, a missing byte and an extra byte are each a mismatch, and fail health.upload', async (t) => {
  const { outcome, metrics } = await upload(await fakeStore({ 'file-1': 'flip', 'file-2': 'short', 'file-4': 'long' }), 6);
  t.same(outcome, { files: 6, verified: 3, mismatched: 3, untrusted: undefined });
  t.equal(metrics.counterTotal('http_failures{endpoint=upload,reason=mismatch}'), 3);
  const verdict = httpHealth(metrics, 0.9).find((result) => result.metric === 'health.upload');
  t.match(verdict, { ok: false, observed: 3, note: /^3 of 6 downloads differed/ });
});

t.test('slots must share one HTTPS origin', async (t) => {
  t.equal(sharedOrigin(['https://a.example/x', 'https://a.example/y']), 'https://a.example');
  t.throws(() => sharedOrigin(['https://a.example/x', 'https://b.example/y']), /2 origins/);
  t.throws(() => sharedOrigin(['http://a.example/x']), /not HTTPS/);
});
