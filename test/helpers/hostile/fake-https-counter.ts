/**
 * FAKE HTTPS server for the certificate tests of `http_load`: it presents whatever certificate it
 * is given and counts everything that reaches it: TCP connections, TLS handshakes it completed,
 * decrypted request bytes and HTTP requests (each answered 200 with an empty body). `settled()`
 * waits until every connection it accepted has closed, so "nothing arrived" is asserted after
 * the client is gone, not after a sleep.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { IssuedCertificate } from '../../../src/lab/ca.js';

export interface FakeHttpsCounter {
  port: number;
  counts: { connections: number; handshakes: number; requestBytes: number; requests: number };
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeHttpsCounter(certificate: IssuedCertificate, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<FakeHttpsCounter> {
  const counts = { connections: 0, handshakes: 0, requestBytes: 0, requests: 0 };
  const open = new Set<Socket>();
  let allClosed: (() => void) | undefined;
  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem, maxVersion }, (_request, response) => {
    counts.requests++;
    response.end();
  });
  server.on('connection', (socket: Socket) => {
    counts.connections++;
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      if (open.size === 0) allClosed?.();
    });
  });
  server.on('secureConnection', (socket) => {
    counts.handshakes++;
    socket.on('data', (chunk: Buffer) => (counts.requestBytes += chunk.length));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    settled: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allClosed = resolve))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
