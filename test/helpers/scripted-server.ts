import net from 'node:net';

/**
 * A fake XMPP server on loopback whose every byte is scripted by the test: it shows the edge
 * cases real servers never do (no close after a stream error, a header-less error, ...).
 */
export interface ScriptedConnection {
  /** Waits until the client's bytes (since the last match) match `pattern`; returns them. */
  expect(pattern: RegExp, timeoutMs?: number): Promise<string>;
  send(text: string): void;
  /** Half-closes (FIN) after writing. */
  end(): void;
  destroy(): void;
  /** Everything the client sent so far. */
  readonly received: string;
  readonly closed: boolean;
}

export interface ScriptedServer {
  port: number;
  /** Resolves when the script of every connection so far has returned. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export const HEADER = (id = 'fake-1', from = 'fake.example') =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' ` +
  `id='${id}' from='${from}' version='1.0' xml:lang='en'>`;

export const streamError = (condition: string) =>
  `<stream:error><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`;

export async function startScriptedServer(script: (connection: ScriptedConnection) => Promise<void>): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  const scripts: Promise<void>[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let all = '';
    let unread = '';
    let closed = false;
    const wakers: Array<() => void> = [];
    const wake = () => wakers.splice(0).forEach((w) => w());
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      all += chunk;
      unread += chunk;
      wake();
    });
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      wake();
    });
    socket.on('error', () => undefined);
    const connection: ScriptedConnection = {
      async expect(pattern, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const match = pattern.exec(unread);
          if (match) {
            const text = unread.slice(0, match.index + match[0].length);
            unread = unread.slice(text.length);
            return text;
          }
          if (closed) throw new Error(`client closed before ${pattern}; got ${unread}`);
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got ${unread}`);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, deadline - Date.now());
            wakers.push(() => (clearTimeout(timer), resolve()));
          });
        }
      },
      send: (text) => void (socket.destroyed || socket.write(text)),
      end: () => socket.end(),
      destroy: () => socket.destroy(),
      get received() {
        return all;
      },
      get closed() {
        return closed;
      },
    };
    scripts.push(script(connection).catch(() => {
      socket.destroy();
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    settled: async () => void (await Promise.all(scripts)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
