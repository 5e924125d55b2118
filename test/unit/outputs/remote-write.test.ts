import t, { type Test } from 'tap';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deserialize } from 'prometheus-remote-write';
import { createRequire } from 'node:module';
import { RemoteWriteQueue } from '../../../src/outputs/prometheus/remote-write.js';

// prometheus-remote-write's own snappy (it ships no types): how a receiver reads our body.
const snappy = createRequire(import.meta.url)('snappyjs') as { uncompress(compressed: Buffer): Uint8Array };

/**
 * The push queue against hand-written HTTP receivers (a real Prometheus is in
 * test/integration/prometheus-live.test.ts): what goes on the wire, and hostile or broken
 * receivers (errors, huge answers, nobody listening, too slow) that must never break a run.
 */

async function receiver(t: Test, handle: (request: IncomingMessage, body: Buffer, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`;
}

const SAMPLES = [{ labels: { __name__: 'gauntlet_iterations_total', outcome: 'completed', run: 'r' }, value: 3 }];

t.test('a push is a snappy-compressed protobuf WriteRequest with basic auth from the target', async (t) => {
  const seen: { headers: IncomingMessage['headers']; decoded: unknown }[] = [];
  const url = await receiver(t, (request, body, response) => {
    void deserialize(snappy.uncompress(body) as unknown as ArrayBuffer).then((decoded) => {
      seen.push({ headers: request.headers, decoded });
      response.writeHead(204).end();
    });
  });
  const warnings: string[] = [];
  const queue = new RemoteWriteQueue({ url, auth: { username: 'u', password: 'p' } }, { warn: (text) => warnings.push(text) });
  queue.push(SAMPLES, 1_700_000_000_000);
  await queue.drain();
  t.same(queue.stats, { sent: 1, failed: 0, dropped: 0 });
  t.same(warnings, []);
  t.equal(seen[0]?.headers['content-type'], 'application/x-protobuf');
  t.equal(seen[0]?.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
  t.match(JSON.parse(JSON.stringify(seen[0]?.decoded)), {
    timeseries: [{ labels: [{ name: '__name__', value: 'gauntlet_iterations_total' }, { name: 'outcome', value: 'completed' }, { name: 'run', value: 'r' }], samples: [{ value: 3, timestamp: '1700000000000' }] }],
  });
});

t.test('a receiver that answers errors with a huge body: counted, warned once, quoted short, never thrown', async (t) => {
  const url = await receiver(t, (_request, _body, response) => response.writeHead(500).end(`\x1b[31mout of order ${'x'.repeat(200_000)}`));
  const warnings: string[] = [];
  const queue = new RemoteWriteQueue({ url }, { warn: (text) => warnings.push(text) });
  for (let i = 0; i < 3; i++) {
    queue.push(SAMPLES);
    await queue.drain();
  }
  t.equal(queue.stats.failed, 3);
  t.equal(queue.stats.sent, 0);
  t.equal(warnings.length, 1, 'one warning for three failures');
  t.match(warnings[0], /HTTP 500.*out of order/);
  t.notMatch(warnings[0], /\x1b/, 'control characters from the receiver are neutralised');
  t.ok(warnings[0]!.length < 1000, `the quoted answer is short (${warnings[0]!.length} characters)`);
});

t.test('nobody listening: the push fails quietly after the first warning', async (t) => {
  const url = await receiver(t, () => undefined);
  const closed = url.replace(/:\d+\//, ':1/');
  const warnings: string[] = [];
  const queue = new RemoteWriteQueue({ url: closed }, { warn: (text) => warnings.push(text) });
  queue.push(SAMPLES);
  queue.push(SAMPLES);
  await queue.drain();
  t.equal(queue.stats.failed, 2);
  t.equal(warnings.length, 1);
  t.match(warnings[0], /127\.0\.0\.1:1\/.*failed/);
});

t.test('a receiver slower than the pushes: the queue stays bounded, the oldest snapshots are dropped', async (t) => {
  const url = await receiver(t, (_request, _body, response) => void setTimeout(() => response.writeHead(204).end(), 200));
  const queue = new RemoteWriteQueue({ url }, { warn: () => undefined, maxPending: 2 });
  for (let i = 0; i < 10; i++) queue.push(SAMPLES);
  await queue.drain();
  t.equal(queue.stats.sent + queue.stats.dropped, 10, 'each snapshot sent or dropped');
  t.ok(queue.stats.dropped >= 7, `dropped ${queue.stats.dropped}, sent ${queue.stats.sent}`);
});
